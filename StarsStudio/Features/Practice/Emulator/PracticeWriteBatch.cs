namespace StarsStudio.Features.Practice.Emulator;

/// <summary>Changes committed together in one transaction; everyone who queued one awaits <see cref="Committed"/>.</summary>
internal sealed class PracticeWriteBatch
{
    private readonly TaskCompletionSource committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<PracticeRowChange> Changes { get; } = [];

    public Task Committed => committed.Task;

    /// <summary>Set (under the store's lock) once the writer began the transaction: a crash can no longer take it back.</summary>
    public bool Started { get; set; }

    /// <summary>Set by a crash before the writer began: the batch is never written.</summary>
    public bool Dropped { get; set; }

    public void Complete() => committed.TrySetResult();

    public void Fail(Exception e) => committed.TrySetException(e);
}
