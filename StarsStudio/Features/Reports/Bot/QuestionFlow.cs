using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Bot;
using StarsStudio.Features.Payments;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Reports.Bot;

/// <summary>
/// Buy on a report or service with questions: asks them one by one (buttons for choices), re-asks with the
/// reason when an answer does not fit, then creates the order with the answers and sends the invoice. The
/// state lives in <see cref="QuestionSession"/> rows, so a restart does not lose a half-answered form.
/// </summary>
public sealed class QuestionFlow(IDbContextFactory<StarsDbContext> dbFactory, CheckoutService purchases, BotSender sender, Languages.BuyerWords words, ICardOffers offers, TimeProvider clock) : ICheckoutQuestions
{
    /// <summary>Buyers with a pending question: the routing table must answer without a database call.</summary>
    private ConcurrentDictionary<long, byte>? pending;
    private readonly Lock loadGate = new();

    private ConcurrentDictionary<long, byte> Pending
    {
        get
        {
            if (pending is { } known) return known;
            lock (loadGate)
            {
                if (pending is null)
                {
                    using var db = dbFactory.CreateDbContext();
                    pending = new ConcurrentDictionary<long, byte>(db.QuestionSessions.AsNoTracking().Select(s => s.BuyerId).Distinct().ToList()
                        .Select(id => KeyValuePair.Create(id, (byte)0)));
                }
                return pending;
            }
        }
    }

    public bool IsPending(long buyerId) => Pending.ContainsKey(buyerId);

    /// <summary>Starts the questions when the action has any; false means "no questions: go straight to the invoice".</summary>
    public async Task<bool> TryStartAsync(RunningBot bot, User buyer, PaidAction action, CancellationToken ct, string? code = null)
    {
        var now = clock.GetUtcNow();
        if (!action.IsOnSale(now) || action.Terms.Questions is not { Count: > 0 } questions) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        await db.QuestionSessions.Where(s => s.BotId == bot.BotId && s.BuyerId == buyer.Id).ExecuteDeleteAsync(ct);
        var session = new QuestionSession { BotId = bot.BotId, BuyerId = buyer.Id, ActionId = action.Id, ActionVersion = action.Version, StartedAt = now, UpdatedAt = now };
        if (code is not null) session.Answers[QuestionSession.CodeKey] = code;
        db.QuestionSessions.Add(session);
        await db.SaveChangesAsync(ct);
        Pending[buyer.Id] = 0;

        var w = await words.ForAsync(buyer, ct);
        await sender.SendTextAsync(bot, buyer.Id,
            w.Count(action.Kind == ActionKind.Report ? "questions.intro_report" : "questions.intro_order", questions.Count, ("title", action.Terms.InLanguage(w.Code).Title)),
            SendPriority.Reply, ct: ct);
        await AskAsync(bot, session, questions, w, ct);
        return true;
    }

    /// <summary>A typed answer to the pending question.</summary>
    public async Task AnswerAsync(RunningBot bot, User buyer, string text, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.QuestionSessions.FirstOrDefaultAsync(s => s.BotId == bot.BotId && s.BuyerId == buyer.Id, ct);
        if (session is null) { Pending.TryRemove(buyer.Id, out _); return; }
        await AcceptAsync(db, bot, buyer, session, text, ct);
    }

    /// <summary>A tapped choice (or Skip); returns the toast for the button.</summary>
    public async Task<string?> ChooseAsync(RunningBot bot, User buyer, long sessionId, int index, string option, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.QuestionSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.BotId == bot.BotId && s.BuyerId == buyer.Id, ct);
        var w = await words.ForAsync(buyer, ct);
        if (session is null || session.Index != index) return w["questions.already_answered"];
        var questions = await QuestionsAsync(db, session, ct);
        if (questions is null || index >= questions.Count) return w["questions.out_of_date"];
        var question = questions[index];
        var text = option == "-" ? "" : int.TryParse(option, out var i) && i >= 0 && i < question.Options.Count ? question.Options[i] : null;
        if (text is null) return w["questions.button_out_of_date"];
        await AcceptAsync(db, bot, buyer, session, text, ct);
        return null;
    }

    public async Task<bool> CancelAsync(long botId, long buyerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.QuestionSessions.Where(s => s.BotId == botId && s.BuyerId == buyerId).ExecuteDeleteAsync(ct);
        Pending.TryRemove(buyerId, out _);
        return removed > 0;
    }

    private async Task AcceptAsync(StarsDbContext db, RunningBot bot, User buyer, QuestionSession session, string text, CancellationToken ct)
    {
        var questions = await QuestionsAsync(db, session, ct);
        var w = await words.ForAsync(buyer, ct);
        if (questions is null)
        {
            await EndAsync(db, session, ct);
            await sender.SendTextAsync(bot, buyer.Id, w["item.not_on_sale"], SendPriority.Reply, ct: ct);
            return;
        }
        var question = questions[Math.Min(session.Index, questions.Count - 1)];
        var check = question.Check(text, w);
        if (!check.Ok)
        {
            await sender.SendTextAsync(bot, buyer.Id, $"⚠️ {check.Problem}", SendPriority.Reply, ct: ct);
            await AskAsync(bot, session, questions, w, ct);
            return;
        }
        session.Answers[question.Key] = check.Value;
        session.Answers = new Dictionary<string, string>(session.Answers);
        session.Index++;
        session.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        if (session.Index < questions.Count)
        {
            await AskAsync(bot, session, questions, w, ct);
            return;
        }

        await EndAsync(db, session, ct);
        var answers = new Dictionary<string, string>(session.Answers);
        answers.Remove(QuestionSession.CodeKey, out var code);
        var start = await purchases.StartAsync(bot, buyer, session.ActionId, ct, answers, code);
        if (!start.InvoiceSent) await sender.SendTextAsync(bot, buyer.Id, start.Problem!, SendPriority.Reply, ct: ct);
        // The code stopped applying while the buyer answered: the card again at today's price, as a Buy would show.
        if (start.OfferLost && await db.PaidActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == session.ActionId, ct) is { } action)
            await CatalogReplies.SendCardAsync(sender, bot, buyer.Id, action, clock, ct, await offers.ForCardAsync(bot, buyer.Id, action, ct, w), w);
    }

    /// <summary>The questions of the version the session started with; null when the action is gone, off sale or changed.</summary>
    private async Task<IReadOnlyList<ReportQuestion>?> QuestionsAsync(StarsDbContext db, QuestionSession session, CancellationToken ct)
    {
        var action = await db.PaidActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == session.ActionId, ct);
        if (action is null || !action.IsOnSale(clock.GetUtcNow()) || action.Version != session.ActionVersion) return null;
        return action.Terms.Questions is { Count: > 0 } q ? q : null;
    }

    private async Task EndAsync(StarsDbContext db, QuestionSession session, CancellationToken ct)
    {
        db.QuestionSessions.Remove(session);
        await db.SaveChangesAsync(ct);
        Pending.TryRemove(session.BuyerId, out _);
    }

    private Task AskAsync(RunningBot bot, QuestionSession session, IReadOnlyList<ReportQuestion> questions, Languages.Words w, CancellationToken ct)
    {
        var q = questions[session.Index];
        var hint = q.Type switch
        {
            QuestionType.Number => w["questions.hint_number"],
            QuestionType.Choice => w["questions.hint_choice"],
            _ => w.T("questions.hint_text", ("max", q.MaxLength)),
        };
        if (!q.Required && q.Type != QuestionType.Choice) hint += " " + w["questions.hint_skip"];
        var text = $"❓ {session.Index + 1}/{questions.Count}: {q.Prompt}\n{hint}";
        InlineKeyboardMarkup? keyboard = null;
        if (q.Type == QuestionType.Choice)
        {
            var rows = q.Options.Select((o, i) => new[] { InlineKeyboardButton.WithCallbackData(o, $"ans:{session.Id}:{session.Index}:{i}") }).ToList();
            if (!q.Required) rows.Add([InlineKeyboardButton.WithCallbackData(w["questions.skip"], $"ans:{session.Id}:{session.Index}:-")]);
            keyboard = new InlineKeyboardMarkup(rows);
        }
        return sender.SendTextAsync(bot, session.BuyerId, text, SendPriority.Reply, keyboard, ct: ct);
    }
}
