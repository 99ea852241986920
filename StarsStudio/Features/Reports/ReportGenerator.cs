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

/// <summary>Renders a report version's template with an order's answers into its outputs.</summary>
public sealed class ReportGenerator(IOptions<ReportsOptions> options, IWebHostEnvironment env)
{
    public string FontsDirectory { get; } = options.Value.ResolveFontsDirectory(env.ContentRootPath);

    public ReportOutput Generate(ActionTerms terms, ReportModel model)
    {
        var markdown = ReportTemplate.Render(terms.Template ?? "", model);
        var blocks = ReportMarkdown.Parse(markdown);
        if (blocks.Count == 0) throw new ReportGenerationException("The template rendered an empty report for these answers.");
        var wantPdf = terms.OutputPdf ?? terms.OutputMessage != true;
        var pdf = wantPdf ? PdfReportWriter.Write(terms.Title, blocks, FontsDirectory) : null;
        var messages = terms.OutputMessage == true ? TelegramReportText.Messages(blocks) : [];
        return new ReportOutput(pdf, messages);
    }
}
