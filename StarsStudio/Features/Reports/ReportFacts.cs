using StarsStudio.Features.Catalog;
using StarsStudio.Features.Languages;

namespace StarsStudio.Features.Reports;

/// <summary>Buyer-facing sentences about queued delivery, shared by the action card and the delivery messages.</summary>
public static class ReportFacts
{
    public static string Usually(int? minutes, Words? w = null) => minutes switch
    {
        null or <= 1 => (w ?? BotWords.English)["report.usually_minute"],
        _ => (w ?? BotWords.English).T("report.usually_minutes", ("minutes", minutes)),
    };

    /// <summary>The card's line, so the buyer knows before paying that delivery is queued and how long it takes.</summary>
    public static string CardLine(ActionKind kind, ActionTerms terms, Words? w = null)
    {
        w ??= BotWords.English;
        var questions = terms.Questions?.Count ?? 0;
        var asks = questions > 0 ? " " + w.Count("report.card_questions", questions) : "";
        var what = w[kind == ActionKind.Report ? "report.card_report" : "report.card_service"];
        return $"{what} {Usually(terms.ExpectedMinutes, w)}{asks}";
    }
}
