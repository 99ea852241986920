using System.Text;
using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>What a buyer can pay: an invoice message or an invoice link.</summary>
/// <param name="MessageId">The invoice message being paid (null for invoice links, which anyone may pay again).</param>
internal sealed record InvoiceSpec(string Title, string Description, string Payload, long Amount, string? StartParameter, int? MessageId = null);
