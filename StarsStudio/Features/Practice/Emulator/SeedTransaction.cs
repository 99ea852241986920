using System.Text.Json.Nodes;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// A Star transaction a test or rehearsal adds through the control API: any partner type Telegram has (or one it
/// may add later), with whole Stars and nanostars. <paramref name="Fields"/> go into the partner as they are.
/// </summary>
public sealed record SeedTransaction(
    string Partner,
    long Amount,
    long NanostarAmount = 0,
    bool Outgoing = false,
    string? TransactionType = null,
    long? UserId = null,
    int? RequestCount = null,
    string? Id = null,
    JsonObject? Fields = null,
    DateTimeOffset? Date = null);
