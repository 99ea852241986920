using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot.Requests.Abstractions;

namespace StarsStudio.Features.Ledger;

/// <summary>getStarTransactions answered as raw JSON, so each transaction is classified on its own (see <see cref="StarTransactionClassifier"/>).</summary>
public sealed class RawStarTransactionsRequest() : Telegram.Bot.Requests.RequestBase<JsonElement>("getStarTransactions")
{
    [JsonPropertyName("offset")] public int Offset { get; init; }
    [JsonPropertyName("limit")] public int Limit { get; init; } = LedgerReader.PageSize;
}
