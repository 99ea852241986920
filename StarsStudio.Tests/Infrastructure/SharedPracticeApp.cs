namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// One started <see cref="PracticeAppFactory"/> for all tests of a class (<c>IClassFixture&lt;SharedPracticeApp&gt;</c>).
/// Emulator tests need no app of their own: each makes its own practice bot and buyers
/// (<see cref="PracticeAppFactory.NewBotAsync"/>), so they never see each other's chats or updates.
/// </summary>
public sealed class SharedPracticeApp : IAsyncLifetime
{
    public PracticeAppFactory App { get; } = new();

    public Task InitializeAsync() { App.Start(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await App.DisposeAsync();
}
