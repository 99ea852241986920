using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using StarsStudio.Hosting.Moving;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Hosting.Moving;

/// <summary>copy-data from a SQLite install made by the real app into PostgreSQL (needs STARS_TEST_POSTGRES).</summary>
public sealed class CopyDataPostgresTests(CopiedShop copied) : IClassFixture<CopiedShop>
{
    [Fact]
    public void CopyData_SeededInstall_CopiesEveryTableWithTheSameCounts()
    {
        Assert.True(copied.ExitCode == 0, copied.Error + copied.Output);
        Assert.Equal("", copied.Error);
        Assert.Contains("every table's count matches", copied.Output);

        // Every entity set of the SQLite model has its table in PostgreSQL with as many rows...
        foreach (var (table, rows) in copied.SourceCounts)
            Assert.True(copied.TargetCounts[table] == rows, $"{table}: {rows} in SQLite, {copied.TargetCounts[table]} in PostgreSQL");
        // ...and the purchase, the team and the settings were really there to copy.
        foreach (var table in new[] { "Orders", "OrderEvents", "Payments", "Buyers", "PaidActions", "PaidActionVersions", "CreditGrants", "BotSettings", "AspNetUsers", "AspNetUserRoles", "AspNetRoles", "AuditEntries" })
            Assert.True(copied.SourceCounts[table] > 0, $"the seeded install has no {table}");
        // The key ring moved from keys/*.xml into its table.
        var keyFiles = Directory.GetFiles(Path.Combine(copied.SourceDirectory, "keys"), "*.xml").Length;
        Assert.True(keyFiles > 0);
        Assert.Equal(keyFiles, copied.TargetCounts["DataProtectionKeys"]);
        Assert.Contains(Path.Combine(copied.SourceDirectory, "files"), copied.Output);
    }

    [Fact]
    public async Task CopyData_PaidOrder_KeepsItsIdChargeIdAndTimeline()
    {
        await using var db = copied.OpenTarget();
        var order = await db.Orders.AsNoTracking().Include(o => o.Events).SingleAsync(o => o.Id == copied.OrderId);
        Assert.Equal(copied.OrderCode, order.Code);
        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.Equal(CopiedShop.ChargeId, order.ChargeId);
        Assert.Equal(copied.ActionId, order.ActionId);
        Assert.Equal(CopiedShop.Buyer, order.BuyerId);
        Assert.Equal(
            [OrderEventKind.Created, OrderEventKind.InvoiceSent, OrderEventKind.PreCheckoutApproved, OrderEventKind.Paid, OrderEventKind.DeliveryAttempt, OrderEventKind.Delivered, OrderEventKind.Note],
            order.Timeline().Select(e => e.Kind));
        Assert.Contains(await db.Payments.AsNoTracking().ToListAsync(), p => p.ChargeId == CopiedShop.ChargeId && p.OrderId == copied.OrderId);

        await using var source = copied.OpenSource();
        var original = await source.Orders.AsNoTracking().Include(o => o.Events).SingleAsync(o => o.Id == copied.OrderId);
        Assert.Equal(original.CreatedAt, order.CreatedAt);
        Assert.Equal(original.Timeline().Select(e => (e.Id, e.At, e.Detail)), order.Timeline().Select(e => (e.Id, e.At, e.Detail)));
    }

    [Fact]
    public async Task StartOnTarget_CopiedInstall_DecryptsTheSavedTokenSignsInTheOwnerAndSellsOn()
    {
        // A new data directory: the keys the app needs must come from the database, not from the old keys/ folder.
        await using var shop = await LocalShop.StartAsync(copied.Api, configure: app => app
            .With("Database:Provider", "Postgres")
            .With("ConnectionStrings:StarsStudio", copied.Target)
            .With("Telegram:BotToken", null));

        // No token in configuration: the bot is live only because the saved one decrypted (else: practice mode).
        var resolver = shop.App.Service<BotConnectionResolver>();
        Assert.Equal(LocalBotApi.Token, resolver.TokenProtector.Unprotect(copied.ProtectedToken!));
        Assert.Equal(BotState.Live, shop.App.Service<BotStatus>().State);

        using (var owner = new CookieClient(shop.App.BaseUrl))
        {
            var signIn = await owner.SignInAsync(CopiedShop.OwnerEmail, TestUsers.Password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/orders")).StatusCode);
        }

        var copiedOrder = await shop.OrderAsync(copied.OrderId);
        Assert.Equal(CopiedShop.ChargeId, copiedOrder.ChargeId);

        // Identity sequences were moved past the copied ids: a new order and its events insert without colliding.
        await using var db = await shop.App.DbAsync();
        var action = await db.PaidActions.AsNoTracking().SingleAsync(a => a.Id == copied.ActionId);
        var (_, order) = await shop.BuyAsync(CopiedShop.Buyer + 1, action);
        Assert.True(order.Id > copied.OrderId);
        var note = new OrderEvent { OrderId = order.Id, At = DateTimeOffset.UtcNow, Actor = EventActor.Staff, Kind = OrderEventKind.Note, Detail = "after the move" };
        db.OrderEvents.Add(note);
        await db.SaveChangesAsync();
        Assert.True(note.Id > copiedOrder.Events.Max(e => e.Id));
    }

    [Fact]
    public async Task CopyData_TargetNotEmpty_IsRefusedAndChangesNothing()
    {
        var before = await CopiedShop.CountsAsync(copied.OpenTarget());

        var (exit, output, error) = await copied.CopyAsync();

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("copy-data stopped: The target database is not empty: ", line);
        Assert.Contains("Orders holds", line);
        Assert.DoesNotContain("   at ", output + error);
        Assert.Equal(before, await CopiedShop.CountsAsync(copied.OpenTarget()));
    }

    [Fact]
    public async Task CopyData_RowPostgresRefuses_LeavesTheTargetEmptySoItCanBeRetried()
    {
        var source = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
        var target = await CopyTargetServer.CreateDatabaseAsync();
        try
        {
            await SqliteInstallFiles.MigrateAsync(source);
            await using (var db = SqliteInstallFiles.Open(source))
            {
                db.Roles.Add(new() { Id = "role-1", Name = "Owner", NormalizedName = "OWNER" });
                // SQLite keeps a name longer than the column allows; PostgreSQL does not. It comes after the roles.
                db.Users.Add(new() { Id = "user-1", UserName = new string('u', 300), Email = "long@example.com" });
                await db.SaveChangesAsync();
            }

            var (exit, _, error) = await CopiedShop.CopyAsync(source, target);

            Assert.Equal(1, exit);
            Assert.StartsWith("copy-data stopped: PostgreSQL refused a row of AspNetUsers (", error);
            Assert.Contains("nothing was kept in the target", error);
            var counts = await CopiedShop.CountsAsync(CopiedShop.OpenPostgres(target));
            Assert.All(counts, c => Assert.True(c.Value == (c.Key == "BotSettings" ? 1 : 0), $"{c.Key} holds {c.Value} rows after the failed copy"));

            await using (var db = SqliteInstallFiles.Open(source))
                await db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.UserName, "short"));
            Assert.Equal(0, (await CopiedShop.CopyAsync(source, target)).ExitCode);
            Assert.Equal(1, (await CopiedShop.CountsAsync(CopiedShop.OpenPostgres(target)))["AspNetRoles"]);
        }
        finally
        {
            await CopyTargetServer.DropDatabaseAsync(target);
            try { Directory.Delete(source, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public async Task CopyData_UserWithPasskey_CopiesThePasskeyWithItsJsonData()
    {
        var source = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
        var target = await CopyTargetServer.CreateDatabaseAsync();
        try
        {
            await SqliteInstallFiles.MigrateAsync(source);
            var created = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.FromHours(2));
            await using (var db = SqliteInstallFiles.Open(source))
            {
                db.Users.Add(new() { Id = "user-1", UserName = "owner@example.com", Email = "owner@example.com" });
                db.Set<Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>().Add(new()
                {
                    CredentialId = [1, 2, 3], UserId = "user-1",
                    Data = new() { Name = "Laptop", PublicKey = [9, 8, 7], CreatedAt = created, SignCount = 4, Transports = ["usb"], AttestationObject = [5], ClientDataJson = [6] },
                });
                await db.SaveChangesAsync();
            }

            var run = await CopiedShop.CopyAsync(source, target);

            Assert.True(run.ExitCode == 0, run.Error);
            await using var copiedDb = CopiedShop.OpenPostgres(target);
            var passkey = await copiedDb.Set<Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>().AsNoTracking().SingleAsync();
            Assert.Equal([1, 2, 3], passkey.CredentialId);
            Assert.Equal("Laptop", passkey.Data.Name);
            Assert.Equal([9, 8, 7], passkey.Data.PublicKey);
            Assert.Equal(created, passkey.Data.CreatedAt);
            Assert.Equal(["usb"], passkey.Data.Transports!);
        }
        finally
        {
            await CopyTargetServer.DropDatabaseAsync(target);
            try { Directory.Delete(source, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public async Task CopyData_TableLargerThanABatch_CopiesEveryRowAndNumbersNewRowsAfterThem()
    {
        var source = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
        var target = await CopyTargetServer.CreateDatabaseAsync();
        try
        {
            await SqliteInstallFiles.MigrateAsync(source);
            var rows = EntitySetCopier.BatchSize * 2 + 500;
            var at = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
            await using (var db = SqliteInstallFiles.Open(source))
            {
                db.AuditEntries.AddRange(Enumerable.Range(1, rows).Select(i => new StarsStudio.Features.Audit.AuditEntry
                {
                    Id = i * 2, At = at.AddSeconds(i), Actor = "owner", Area = "settings", Detail = $"change {i}",
                }));
                await db.SaveChangesAsync();
            }

            var run = await CopiedShop.CopyAsync(source, target);

            Assert.True(run.ExitCode == 0, run.Error);
            await using var copiedDb = CopiedShop.OpenPostgres(target);
            Assert.Equal(rows, await copiedDb.AuditEntries.CountAsync());
            var last = await copiedDb.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == rows * 2);
            Assert.Equal(($"change {rows}", at.AddSeconds(rows)), (last.Detail, last.At));
            copiedDb.AuditEntries.Add(new() { At = at, Actor = "owner", Area = "settings", Detail = "after the move" });
            await copiedDb.SaveChangesAsync();
            Assert.Equal(rows * 2 + 1, await copiedDb.AuditEntries.Where(a => a.Detail == "after the move").Select(a => a.Id).SingleAsync());
        }
        finally
        {
            await CopyTargetServer.DropDatabaseAsync(target);
            try { Directory.Delete(source, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
