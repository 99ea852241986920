using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Catalog;

public sealed class CatalogServiceTests : IAsyncLifetime
{
    private readonly StarsAppFactory app = new();
    private CatalogService Catalog => app.Service<CatalogService>();

    public Task InitializeAsync() { app.Start(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Save_PriceOrTermsChanged_NewVersionWithSnapshotAndAudit()
    {
        var created = await Catalog.SaveAsync("creator@x", CatalogSeed.Credits(price: 5), TimeZoneInfo.Utc);
        Assert.Equal(1, created.Action!.Version);

        var form = PaidActionForm.From(created.Action, TimeZoneInfo.Utc);
        form.Name = "Renamed internally";
        var renamed = await Catalog.SaveAsync("creator@x", form, TimeZoneInfo.Utc);
        Assert.False(renamed.NewVersion);
        Assert.Equal(1, renamed.Action!.Version);

        form.PriceStars = 9;
        var repriced = await Catalog.SaveAsync("creator@x", form, TimeZoneInfo.Utc);
        Assert.True(repriced.NewVersion);
        Assert.Equal(2, repriced.Action!.Version);

        Assert.Equal(5, (await Catalog.TermsOfVersionAsync(created.Action.Id, 1))!.PriceStars);
        Assert.Equal(9, (await Catalog.TermsOfVersionAsync(created.Action.Id, 2))!.PriceStars);
        var audit = await app.Service<StarsStudio.Features.Audit.AuditLog>().ListAsync("catalog", null);
        Assert.Contains(audit, e => e.Actor == "creator@x" && e.Detail.Contains("price ⭐5 → ⭐9"));
    }

    [Fact]
    public async Task Save_DuplicateSlugOrCommand_RefusedWithReason()
    {
        await Catalog.SaveAsync("c", CatalogSeed.Command(slug: "translate"), TimeZoneInfo.Utc);
        var sameSlug = await Catalog.SaveAsync("c", CatalogSeed.Credits(slug: "translate"), TimeZoneInfo.Utc);
        Assert.False(sameSlug.Succeeded);
        Assert.Contains("already uses the link name", sameSlug.Error);

        var sameCommand = await Catalog.SaveAsync("c", CatalogSeed.Command(slug: "translate-2"), TimeZoneInfo.Utc);
        Assert.False(sameCommand.Succeeded);
        Assert.Contains("already sells /translate", sameCommand.Error);
    }

    [Fact]
    public async Task Save_AvailabilityInCreatorsZone_StoredInUtcAcrossDaylightSaving()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var form = CatalogSeed.Credits();
        form.AvailableFromLocal = new DateTime(2026, 3, 28, 20, 0, 0);  // CET, UTC+1
        form.AvailableUntilLocal = new DateTime(2026, 3, 29, 20, 0, 0); // CEST, UTC+2
        var saved = (await Catalog.SaveAsync("c", form, berlin)).Action!;
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 19, 0, 0, TimeSpan.Zero), saved.AvailableFrom);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 18, 0, 0, TimeSpan.Zero), saved.AvailableUntil);
        var back = PaidActionForm.From(saved, berlin);
        Assert.Equal(form.AvailableFromLocal, back.AvailableFromLocal);
        Assert.Equal(form.AvailableUntilLocal, back.AvailableUntilLocal);
    }

    [Fact]
    public async Task OnSale_OnlyLiveActionsInsideTheirWindow()
    {
        var live = await CatalogSeed.LiveAsync(app, CatalogSeed.Credits(slug: "live-one"));
        await CatalogSeed.LiveAsync(app, CatalogSeed.Credits(slug: "later"), f => f.AvailableFromLocal = DateTime.UtcNow.AddDays(1));
        await Catalog.SaveAsync("c", CatalogSeed.Text(slug: "draft-one"), TimeZoneInfo.Utc);
        var onSale = await Catalog.OnSaleAsync();
        Assert.Equal([live.Id], onSale.Select(a => a.Id));
    }

    [Fact]
    public async Task Checklist_ComputedFromData_FlagsMissingDeliverable()
    {
        var form = CatalogSeed.Text();
        form.TextContent = "";
        var items = await app.Service<LaunchChecklist>().EvaluateAsync(form);
        Assert.False(items.Single(i => i.Key == "after-payment").Met);
        Assert.True(items.Single(i => i.Key == "payload").Met);
        Assert.True(items.Single(i => i.Key == "charge-id").Met);
        Assert.True(items.Single(i => i.Key == "support").Met);

        form.TextContent = "<b>hi</b>";
        Assert.True((await app.Service<LaunchChecklist>().EvaluateAsync(form)).Single(i => i.Key == "after-payment").Met);
    }

    [Fact]
    public async Task FileStore_Upload_StoredImmutableWithHash()
    {
        var store = app.Service<FileStore>();
        using var content = new MemoryStream("hello pdf"u8.ToArray());
        var stored = await store.SaveAsync(content, "../../etc/plan.pdf", "application/pdf");
        Assert.Equal("plan.pdf", stored.FileName);
        Assert.Equal(9, stored.Size);
        Assert.True(File.Exists(store.PathOf(stored.Id)));
        await using var db = await app.DbAsync();
        Assert.Equal(stored.Sha256, (await db.StoredFiles.SingleAsync()).Sha256);
    }
}
