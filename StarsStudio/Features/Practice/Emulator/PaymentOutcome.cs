using System.Text;
using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>What the buyer saw after pressing Pay.</summary>
public sealed record PaymentOutcome(PaymentStatus Status, string Message, string? ChargeId, int? MessageId);
