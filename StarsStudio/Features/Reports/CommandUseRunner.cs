using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Delivery;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Reports;

/// <summary>
/// Paid commands whose terms name a template or a service: each use renders the template (with the text after
/// the command as {{ input }}) or calls the service (input in the body, Idempotency-Key order code + use number).
/// </summary>
public sealed class CommandUseRunner(
    IDbContextFactory<StarsDbContext> dbFactory, ReportGenerator generator, ServiceCaller caller, ServiceSecrets secrets, ReportGate gate, BotSender sender) : ICommandUseRunner
{
    public bool Handles(ActionTerms terms) => !string.IsNullOrWhiteSpace(terms.Template) || !string.IsNullOrWhiteSpace(terms.ServiceUrl);

    public async Task RunAsync(RunningBot bot, long buyerId, CommandEntitlement entitlement, ActionTerms terms, string input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().FirstAsync(o => o.Id == entitlement.OrderId, ct);
        var buyer = await db.Buyers.AsNoTracking().FirstOrDefaultAsync(b => b.BotId == bot.BotId && b.TelegramUserId == buyerId, ct);
        var useNumber = entitlement.UsesTotal - entitlement.UsesLeft + 1;
        using var slot = await gate.EnterAsync(ct);
        if (!string.IsNullOrWhiteSpace(terms.ServiceUrl))
        {
            var secret = secrets.Unprotect(terms.ProtectedServiceSecret) ?? throw new InvalidOperationException("the service is not set up");
            var slug = await db.PaidActions.AsNoTracking().Where(a => a.Id == order.ActionId).Select(a => a.Slug).FirstAsync(ct);
            var request = new ServiceRequest($"{order.Code}-{useNumber}", buyerId, buyer?.FirstName ?? "", buyer?.Username, slug, order.ActionVersion,
                new Dictionary<string, string>(), order.Stars, order.ChargeId, input);
            var result = await caller.CallAsync(terms.ServiceUrl, secret, request, ct);
            if (!result.Succeeded) throw new InvalidOperationException(result.Error);
            await ServiceDeliverer.RelayAsync(sender, bot, buyerId, terms.Title, result, ct, Languages.BotWords.For(order.BuyerLanguage));
            return;
        }
        var model = new ReportModel(new Dictionary<string, string>(), [], order.Code, buyer?.FirstName ?? "there", order.Stars, DateTimeOffset.UtcNow, input);
        ReportOutput output;
        try { output = await Task.Run(() => generator.Generate(terms with { OutputMessage = terms.OutputMessage ?? terms.OutputPdf != true }, model), ct); }
        catch (ReportGenerationException e) { throw new InvalidOperationException(e.Message); }
        foreach (var text in output.Messages)
            await sender.SendTextAsync(bot, buyerId, text, SendPriority.Reply, parseMode: ParseMode.Html, ct: ct);
        if (output.Pdf is { } pdf)
            await sender.SendAsync(bot, buyerId, SendPriority.Reply, async (client, token) =>
            {
                await using var stream = new MemoryStream(pdf);
                return await client.SendDocument(buyerId, InputFile.FromStream(stream, $"{terms.CommandName}-{order.Code}-{useNumber}.pdf"), cancellationToken: token);
            }, ct);
    }
}
