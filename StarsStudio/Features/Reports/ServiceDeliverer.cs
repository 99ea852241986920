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

/// <summary>Mini-services: POST the order to the creator's endpoint and relay its text or file.</summary>
public sealed class ServiceDeliverer(ServiceCaller caller, ServiceSecrets secrets, ReportDeliverySteps steps, ReportGate gate, BotSender sender) : IDeliverer
{
    public ActionKind Kind => ActionKind.Service;
    public bool IsReady(PaidActionForm form) => !ReportFormRules.Validate(form).Any();

    public async Task<string> DeliverAsync(DeliveryContext c, CancellationToken ct)
    {
        var (answers, buyer, attempt, slug) = await steps.LoadAsync(c, ct);
        if (attempt <= 1) await steps.AnnounceAsync(c, c.Words["report.what_result"], ct);
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
            return await RelayAsync(sender, c.Bot, c.Order.BuyerId, c.Terms.Title, result, ct, c.Words);
        }
        catch (Exception e)
        {
            await steps.TellIfFinalAsync(c, e, attempt, ct);
            throw;
        }
    }

    /// <summary>Sends what the service returned: text as messages, a file or file URL as a document.</summary>
    public static async Task<string> RelayAsync(BotSender sender, RunningBot bot, long chatId, string title, ServiceResult result, CancellationToken ct, Languages.Words? w = null)
    {
        w ??= Languages.BotWords.English;
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
            return w.T("delivered.file", ("file", result.FileName));
        }
        if (result.FileUrl is { } fileUrl)
        {
            await sender.SendAsync(bot, chatId, SendPriority.Delivery,
                (client, token) => client.SendDocument(chatId, InputFile.FromUri(fileUrl), caption: $"📎 {title}", cancellationToken: token), ct);
            return w["delivered.service_file"];
        }
        return w["delivered.service_answer"];
    }
}
