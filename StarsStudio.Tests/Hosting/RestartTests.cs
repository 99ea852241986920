using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Hosting;

public sealed class RestartTests
{
    [Fact]
    public async Task Start_Twice_ReusesTheDatabaseAndKeepsAccounts()
    {
        var dir = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
        await using (var first = new StarsAppFactory().With("StarsStudio:DataDirectory", dir))
        {
            first.Start();
            await first.CreateUserAsync("keep@example.com", TestUsers.Password, "Owner");
        }
        await using var second = new StarsAppFactory().With("StarsStudio:DataDirectory", dir);
        second.Start();
        await using var db = await second.DbAsync();
        Assert.Contains(db.Users, u => u.Email == "keep@example.com");
        Assert.True(File.Exists(Path.Combine(dir, "stars-studio.db")));
    }
}
