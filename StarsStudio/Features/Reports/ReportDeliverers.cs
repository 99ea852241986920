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

/// <summary>A report rendered from a template: a PDF, Telegram messages, or both.</summary>
public sealed record ReportOutput(byte[]? Pdf, IReadOnlyList<string> Messages);

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

/// <summary>
/// What report and service deliveries share: the answers and buyer behind an order, the "paid, generating" and
/// "paid, failed — support needed" messages, and which attempt this is.
/// </summary>
public sealed class ReportDeliverySteps(IDbContextFactory<StarsDbContext> dbFactory, BotSender sender)
{
    public async Task<(Dictionary<string, string> Answers, Buyers.Buyer? Buyer, int Attempt, string Slug)> LoadAsync(DeliveryContext c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var answers = (await db.OrderInputs.AsNoTracking().FirstOrDefaultAsync(i => i.OrderId == c.Order.Id, ct))?.Answers ?? [];
        var buyer = await db.Buyers.AsNoTracking().FirstOrDefaultAsync(b => b.BotId == c.Order.BotId && b.TelegramUserId == c.Order.BuyerId, ct);
        var attempt = await db.DeliveryJobs.AsNoTracking().Where(j => j.OrderId == c.Order.Id && j.Status == JobStatus.Running)
            .Select(j => (int?)j.Attempts).MaxAsync(ct) ?? 1;
        var slug = await db.PaidActions.AsNoTracking().Where(a => a.Id == c.Order.ActionId).Select(a => a.Slug).FirstOrDefaultAsync(ct) ?? "";
        return (answers, buyer, attempt, slug);
    }

    public Task AnnounceAsync(DeliveryContext c, string what, CancellationToken ct) =>
        sender.SendTextAsync(c.Bot, c.Order.BuyerId,
            $"⏳ Order {c.Order.Code}: paid, generating {what}. {ReportFacts.Usually(c.Terms.ExpectedMinutes)} It will arrive in this chat.",
            SendPriority.Delivery, ct: ct);

    /// <summary>Tells the buyer when this failure is final (permanent, or the last attempt); a failure to tell never hides the original one.</summary>
    public async Task TellIfFinalAsync(DeliveryContext c, Exception e, int attempt, CancellationToken ct)
    {
        var final = e is DeliveryProblemException || (attempt >= DeliveryWorker.MaxAttempts && e is not OperationCanceledException && e is not BotNotRunningException);
        if (!final || e is ApiRequestException { ErrorCode: 403 or 429 }) return;
        try
        {
            await sender.SendTextAsync(c.Bot, c.Order.BuyerId,
                $"⚠️ Order {c.Order.Code}: paid, failed — support needed. Your payment is safe: we have told support, who will fix it or refund you. You can also send /paysupport with the order code.",
                SendPriority.Delivery, ct: ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested) { /* the order still shows DeliveryFailed for support */ }
    }

    public static ReportModel Model(DeliveryContext c, Dictionary<string, string> answers, Buyers.Buyer? buyer, string input = "") =>
        new(answers, c.Terms.Questions ?? [], c.Order.Code, buyer?.FirstName ?? "there", c.Order.Stars, c.Order.PaidAt ?? c.Order.CreatedAt, input);
}

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

/// <summary>Reports: render the version's template with the order's answers, send the PDF and/or message.</summary>
public sealed class ReportDeliverer(ReportGenerator generator, ReportDeliverySteps steps, ReportGate gate, BotSender sender) : IDeliverer
{
    public ActionKind Kind => ActionKind.Report;
    public bool IsReady(PaidActionForm form) => !ReportFormRules.Validate(form).Any();

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var (answers, buyer, attempt, _) = await steps.LoadAsync(c, ct);
        if (attempt <= 1) await steps.AnnounceAsync(c, "your report", ct);
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
        return output.Pdf is not null ? (output.Messages.Count > 0 ? "your report (PDF and message)" : "your report (PDF)") : "your report (message)";
    }
}

/// <summary>A service call that may work if tried again later (timeout, 5xx, 429, network).</summary>
public sealed class ServiceCallFailedException(string message) : Exception(message);

/// <summary>Mini-services: POST the order to the creator's endpoint and relay its text or file.</summary>
public sealed class ServiceDeliverer(ServiceCaller caller, ServiceSecrets secrets, ReportDeliverySteps steps, ReportGate gate, BotSender sender) : IDeliverer
{
    public ActionKind Kind => ActionKind.Service;
    public bool IsReady(PaidActionForm form) => !ReportFormRules.Validate(form).Any();

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var (answers, buyer, attempt, slug) = await steps.LoadAsync(c, ct);
        if (attempt <= 1) await steps.AnnounceAsync(c, "your result", ct);
        try
        {
            var url = c.Terms.ServiceUrl ?? throw new DeliveryProblemException("The action has no service address.");
            var secret = secrets.Unprotect(c.Terms.ProtectedServiceSecret)
                ?? throw new DeliveryProblemException("The service's signing secret cannot be read (were the Data Protection keys replaced?). Save the action with a new secret, then redeliver.");
            var request = new ServiceRequest(c.Order.Code, c.Order.BuyerId, buyer?.FirstName ?? "", buyer?.Username, slug, c.Order.ActionVersion, answers, c.Order.Stars, c.Order.ChargeId);
            ServiceResult result;
            using (await gate.EnterAsync(ct)) result = await caller.CallAsync(url, secret, request, ct);
            if (!result.Succeeded)
            {
                if (result.Retryable) throw new ServiceCallFailedException(result.Error!);
                throw new DeliveryProblemException(result.Error!);
            }
            return await RelayAsync(sender, c.Bot, c.Order.BuyerId, c.Terms.Title, result, ct);
        }
        catch (Exception e)
        {
            await steps.TellIfFinalAsync(c, e, attempt, ct);
            throw;
        }
    }

    /// <summary>Sends what the service returned: text as messages, a file or file URL as a document.</summary>
    public static async Task<string> RelayAsync(BotSender sender, RunningBot bot, long chatId, string title, ServiceResult result, CancellationToken ct)
    {
        if (result.Text is { } text)
            foreach (var part in text.Chunk(TelegramReportText.MessageLimit).Select(p => new string(p)))
                await sender.SendTextAsync(bot, chatId, part, SendPriority.Delivery, ct: ct);
        if (result.File is { } bytes)
        {
            await sender.SendAsync(bot, chatId, SendPriority.Delivery, async (client, token) =>
            {
                await using var stream = new MemoryStream(bytes);
                return await client.SendDocument(chatId, InputFile.FromStream(stream, result.FileName), caption: $"📎 {title}", cancellationToken: token);
            }, ct);
            return $"the file {result.FileName}";
        }
        if (result.FileUrl is { } fileUrl)
        {
            await sender.SendAsync(bot, chatId, SendPriority.Delivery,
                (client, token) => client.SendDocument(chatId, InputFile.FromUri(fileUrl), caption: $"📎 {title}", cancellationToken: token), ct);
            return "the service's file";
        }
        return "the service's answer";
    }
}
