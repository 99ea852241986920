using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>
/// The in-memory state of one emulated bot, the emulator's truth; changed rows are queued for practice.db's group
/// commit (<see cref="PracticeStore"/>). Everything here is read and changed only while holding <see cref="Gate"/>.
/// </summary>
internal sealed class PracticeBot(PracticeBotRow row, PracticeRateLimitOptions rateLimits)
{
    public PracticeBotRow Row { get; } = row;
    public long BotId => Row.BotId;
    public SemaphoreSlim Gate { get; } = new(1, 1);
    /// <summary>Set by a simulated crash (tests): this object belongs to the "dead" process and answers nothing more.</summary>
    public bool Crashed { get; set; }
    /// <summary>(buyer, invoice message) pairs with a payment sheet open right now.</summary>
    public HashSet<(long UserId, int MessageId)> InvoicesBeingPaid { get; } = [];

    public Dictionary<long, PracticeBuyerRow> Buyers { get; } = [];
    public Dictionary<int, PracticeMessageRow> Messages { get; } = [];
    public Dictionary<long, List<PracticeMessageRow>> Chats { get; } = [];
    public List<PracticeUpdateRow> Pending { get; } = [];
    public Dictionary<string, PracticeFileRow> Files { get; } = [];
    public Dictionary<string, PracticeChargeRow> Charges { get; } = [];
    public List<PracticeTransactionRow> Transactions { get; } = [];
    /// <summary>The telegram_api charge paid-broadcast messages are being added to (memory only: after a restart a new one opens).</summary>
    public PracticeTransactionRow? OpenBroadcastCharge { get; set; }
    public Dictionary<string, PracticeInvoiceLinkRow> InvoiceLinks { get; } = [];

    public Dictionary<string, PendingPreCheckout> PreCheckouts { get; } = [];
    /// <summary>Callback query ids the bot has not answered yet (answering one twice is an error on Telegram).</summary>
    public HashSet<string> OpenCallbackQueries { get; } = [];
    /// <summary>What the bot answered to callback queries, shown to the buyer as a toast.</summary>
    public SendRateLimiter Limiter { get; set; } = new(rateLimits);
    public SendCounters Counters { get; private set; } = new();
    /// <summary>Measurements and random faults for the rehearsal benchmark (memory only).</summary>
    public RehearsalStats Stats { get; set; } = new();
    public List<PracticeFault> Faults { get; } = [];
    /// <summary>Which buyer's chat a callback query came from, so the bot's answer text reaches that chat.</summary>
    public Dictionary<string, long> CallbackQueryChats { get; } = [];
    /// <summary>Set between the permit and the count: the message being sent was paid for.</summary>
    public bool PaidMessagePending { get; set; }
    public (DateTimeOffset At, string Message)? LastWebhookError { get; set; }
    /// <summary>Updates on their way to the webhook now (at most <see cref="WebhookMaxConnections"/>, one per chat).</summary>
    public HashSet<PracticeUpdateRow> WebhookInFlight { get; } = [];
    /// <summary>setWebhook's max_connections (1–100, Telegram's default 40): how many updates go to the webhook at once.</summary>
    public int WebhookMaxConnections { get; set; } = 40;
    /// <summary>Deliver every update this many times (at-least-once delivery drills).</summary>
    public int DeliveryCopies { get; set; } = 1;

    private TaskCompletionSource updatesArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? currentPoll;

    /// <summary>
    /// A getUpdates begins: the one before it, if still waiting, is told to end with 409 (Telegram's "terminated by
    /// other getUpdates request"). The returned source completes when a later getUpdates supersedes this one.
    /// </summary>
    public TaskCompletionSource BeginPoll()
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref currentPoll, mine)?.TrySetResult();
        return mine;
    }

    /// <summary>A getUpdates answered or gave up: it no longer counts as the waiting one.</summary>
    public void EndPoll(TaskCompletionSource mine) => Interlocked.CompareExchange(ref currentPoll, null, mine);

    /// <summary>A getUpdates is in progress (tests wait for this before starting a second poller).</summary>
    public bool HasPollInProgress => Volatile.Read(ref currentPoll) is not null;

    /// <summary>Completes when the next update is queued; long polls and the webhook deliverer wait on it.</summary>
    public Task UpdatesArrived => Volatile.Read(ref updatesArrived).Task;

    public void SignalUpdates() =>
        Interlocked.Exchange(ref updatesArrived, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void AddMessage(PracticeMessageRow message)
    {
        Messages[message.MessageId] = message;
        if (!Chats.TryGetValue(message.ChatId, out var chat)) Chats[message.ChatId] = chat = [];
        chat.Add(message);
    }

    /// <summary>
    /// "Reset practice data" in place (caller holds the gate, answers open pre-checkouts, and rewrites the rows):
    /// the same object stays in the emulator's cache, so a long poll waiting on it still wakes for the next update.
    /// The row, with its token and update/message id counters, is left to the caller.
    /// </summary>
    public void ClearPracticeData(PracticeRateLimitOptions rateLimits)
    {
        InvoicesBeingPaid.Clear();
        Buyers.Clear();
        Messages.Clear();
        Chats.Clear();
        Pending.Clear();
        Files.Clear();
        Charges.Clear();
        Transactions.Clear();
        OpenBroadcastCharge = null;
        InvoiceLinks.Clear();
        PreCheckouts.Clear();
        OpenCallbackQueries.Clear();
        CallbackQueryChats.Clear();
        Faults.Clear();
        Limiter = new(rateLimits);
        Counters = new();
        Stats = new();
        PaidMessagePending = false;
        LastWebhookError = null;
        DeliveryCopies = 1;
    }

    public IReadOnlyList<PracticeMessageRow> Chat(long chatId) => Chats.TryGetValue(chatId, out var chat) ? chat : [];
}
