using System.Collections.Concurrent;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

/// <summary>
/// Waits for a virtual buyer's chat to show something, woken by the emulator's change events instead of
/// polling, so thousands of buyers can wait at once without load of their own.
/// </summary>
public sealed class ChatWaiter : IDisposable
{
    private readonly PracticeControl control;
    private readonly long botId;
    private readonly ConcurrentDictionary<long, TaskCompletionSource> signals = new();

    public ChatWaiter(PracticeControl control, long botId)
    {
        this.control = control;
        this.botId = botId;
        control.Changed += OnChanged;
    }

    private void OnChanged(PracticeChange change)
    {
        if (change.BotId != botId) return;
        if (change.ChatId == 0) { foreach (var s in signals.Values) s.TrySetResult(); return; }
        if (signals.TryGetValue(change.ChatId, out var signal)) signal.TrySetResult();
    }

    /// <summary>The first message after <paramref name="afterMessageId"/> that matches, or a TimeoutException.</summary>
    public async Task<PracticeChatMessage> WaitForAsync(long userId, Func<PracticeChatMessage, bool> match, int afterMessageId, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var signal = signals.AddOrUpdate(userId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously),
                (_, old) => old.Task.IsCompleted ? new(TaskCreationOptions.RunContinuationsAsynchronously) : old);
            var chat = await control.ChatAsync(botId, userId, ct);
            var found = chat.FirstOrDefault(m => m.MessageId > afterMessageId && match(m));
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException("waiting for the bot");
            await Task.WhenAny(signal.Task, Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), ct));
        }
    }

    public void Dispose() => control.Changed -= OnChanged;
}
