using System.Text;
using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

public enum PaymentStatus { Paid, NeedsTopUp, Rejected, TimedOut }
