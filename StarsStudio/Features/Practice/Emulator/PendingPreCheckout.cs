using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>A buyer pressed Pay: the emulator waits for the bot's answerPreCheckoutQuery.</summary>
internal sealed class PendingPreCheckout
{
    public TaskCompletionSource<(bool Ok, string? ErrorMessage)> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
