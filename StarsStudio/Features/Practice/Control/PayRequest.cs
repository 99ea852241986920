using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Features.Team;

namespace StarsStudio.Features.Practice.Control;

/// <param name="FromChatId">Pay an invoice another buyer forwarded: the invoice is message <c>MessageId</c> in this buyer's chat.</param>
public sealed record PayRequest(int? MessageId, string? InvoiceLink, long? FromChatId = null);
