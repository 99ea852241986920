using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Reports;

/// <summary>Buyer-facing sentences about queued delivery, shared by the action card and the delivery messages.</summary>
public static class ReportFacts
{
    public static string Usually(int? minutes) => minutes switch
    {
        null or <= 1 => "This usually takes less than a minute.",
        _ => $"This usually takes about {minutes} minutes.",
    };

    /// <summary>The card's line, so the buyer knows before paying that delivery is queued and how long it takes.</summary>
    public static string CardLine(ActionKind kind, ActionTerms terms)
    {
        var questions = terms.Questions?.Count ?? 0;
        var asks = questions > 0 ? $" Before the invoice you answer {questions} question{(questions == 1 ? "" : "s")}." : "";
        var what = kind == ActionKind.Report ? "Your report is generated after payment" : "Your result is prepared after payment";
        return $"{what} (queued, not instant). {ReportFacts.Usually(terms.ExpectedMinutes)}{asks}";
    }
}
