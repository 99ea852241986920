using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

public sealed record PracticeTransaction(string Id, long Amount, bool Refund, long UserId, string Payload, DateTimeOffset Date,
    string PartnerType, string? TransactionType, long NanostarAmount, int? RequestCount);
