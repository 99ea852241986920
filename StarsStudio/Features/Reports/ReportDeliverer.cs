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

/// <summary>Reports: render the version's template with the order's answers, send the PDF and/or message.</summary>
public sealed class ReportDeliverer(ReportGenerator generator, ReportDeliverySteps steps, ReportGate gate, BotSender sender) : IDeliverer
{
    public ActionKind Kind => ActionKind.Report;
    public bool IsReady(PaidActionForm form) => !ReportFormRules.Validate(form).Any();

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var (answers, buyer, attempt, _) = await steps.LoadAsync(c, ct);
        if (attempt <= 1) await steps.AnnounceAsync(c, c.Words["report.what_report"], ct);
        try
        {
            using (await gate.EnterAsync(ct))
            {
                ReportOutput output;
                try { output = await Task.Run(() => generator.Generate(c.Terms, ReportDeliverySteps.Model(c, answers, buyer)), ct); }
                catch (ReportGenerationException e) { throw new DeliveryProblemException($"The report could not be generated: {e.Message}"); }
                return await SendAsync(c, output, ct);
            }
        }
        catch (Exception e)
        {
            await steps.TellIfFinalAsync(c, e, attempt, ct);
            throw;
        }
    }

    private async Task<string> SendAsync(DeliveryContext c, ReportOutput output, CancellationToken ct)
    {
        foreach (var text in output.Messages)
            await sender.SendTextAsync(c.Bot, c.Order.BuyerId, text, SendPriority.Delivery, parseMode: ParseMode.Html, ct: ct);
        if (output.Pdf is { } pdf)
        {
            var stem = Catalog.Slugs.From(c.Terms.Title);
            var fileName = $"{(stem.Length > 0 ? stem : "report")}-{c.Order.Code}.pdf";
            await sender.SendAsync(c.Bot, c.Order.BuyerId, SendPriority.Delivery, async (client, token) =>
            {
                await using var stream = new MemoryStream(pdf);
                return await client.SendDocument(c.Order.BuyerId, InputFile.FromStream(stream, fileName), caption: $"📄 {c.Terms.Title}", cancellationToken: token);
            }, ct);
        }
        return c.Words[output.Pdf is not null ? (output.Messages.Count > 0 ? "delivered.report_pdf_message" : "delivered.report_pdf") : "delivered.report_message"];
    }
}
