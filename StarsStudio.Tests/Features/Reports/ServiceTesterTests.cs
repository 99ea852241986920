using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Reports;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Reports;

public sealed class ServiceTesterTests
{
    [Fact]
    public async Task TestAsync_EndpointAnswers_ShowsStatusAndResponseWithValidSignature()
    {
        await using var endpoint = await LocalServiceEndpoint.StartAsync();
        await using var app = new StarsAppFactory();
        app.Start();
        var (plain, protectedSecret) = app.Service<ServiceSecrets>().Create();
        endpoint.Secret = plain;
        endpoint.Answer = (_, _) => Task.FromResult(Results.Json(new { text = "pong" }));
        var form = new PaidActionForm { Kind = ActionKind.Service, Slug = "ping", ServiceUrl = endpoint.Url, ProtectedServiceSecret = protectedSecret, Questions = [new QuestionForm { Key = "sign", Prompt = "Sign?" }] };

        var result = await app.Service<ServiceTester>().TestAsync(form, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("pong", result.Text);
        Assert.Contains("pong", result.Excerpt);
        var call = Assert.Single(endpoint.Calls);
        Assert.True(call.SignatureValid);
        Assert.Contains("\"test\":true", call.Body);
        Assert.StartsWith("SS-TEST-", call.IdempotencyKey);
    }

    [Fact]
    public async Task TestAsync_NothingListens_ReportsTheError()
    {
        await using var app = new StarsAppFactory();
        app.Start();
        var form = new PaidActionForm { Kind = ActionKind.Service, Slug = "ping", ServiceUrl = "http://127.0.0.1:9/hook", ProtectedServiceSecret = app.Service<ServiceSecrets>().Create().Protected };

        var result = await app.Service<ServiceTester>().TestAsync(form, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Contains("Could not reach the service", result.Error);
    }

    [Theory]
    [InlineData("https://example.com/hook", true)]
    [InlineData("http://127.0.0.1:8080/hook", true)]
    [InlineData("http://localhost/hook", true)]
    [InlineData("http://example.com/hook", false)]
    [InlineData("ftp://example.com/x", false)]
    [InlineData("not a url", false)]
    public void UrlProblem_SchemesAndHosts_HttpsOrLoopbackOnly(string url, bool allowed) =>
        Assert.Equal(allowed, ServiceCaller.UrlProblem(url) is null);

    [Fact]
    public void Sign_KnownVector_MatchesHmacSha256OfTimestampDotBody() =>
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
        Assert.Equal("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("whsec_test"u8, "1700000000.{\"a\":1}"u8)),
            ServiceCaller.Sign("whsec_test", "1700000000", "{\"a\":1}"));

    [Fact]
    public async Task EnterAsync_MaxConcurrentTwo_ThirdWaitsUntilOneLeaves()
    {
        using var gate = new ReportGate(Options.Create(new ReportsOptions { MaxConcurrent = 2 }));
        var first = await gate.EnterAsync(CancellationToken.None);
        var second = await gate.EnterAsync(CancellationToken.None);

        var third = gate.EnterAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);
        Assert.Equal(0, gate.Available);

        first.Dispose();
        first.Dispose(); // a double release must not widen the gate
        using var entered = await third;
        Assert.Equal(0, gate.Available);
        second.Dispose();
        Assert.Equal(1, gate.Available);
    }

    [Fact]
    public void Protect_Secret_RoundTripsAndIsNotStoredInPlainText()
    {
        var secrets = new ServiceSecrets(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        var (plain, protectedSecret) = secrets.Create();

        Assert.StartsWith("whsec_", plain);
        Assert.DoesNotContain(plain, protectedSecret);
        Assert.Equal(plain, secrets.Unprotect(protectedSecret));
        Assert.Null(secrets.Unprotect("garbage"));
    }
}

public sealed class ReportSaveTests
{
    [Fact]
    public async Task SaveAsync_BrokenTemplate_RefusedWithLineAndColumn()
    {
        await using var app = new StarsAppFactory();
        app.Start();
        var form = ReportTemplateTests.ReportForm();
        form.Template = "# Plan\n\n{% if weeks > 2 %}\nlong\n";

        var result = await app.Service<CatalogService>().SaveAsync("test", form, TimeZoneInfo.Utc);

        Assert.False(result.Succeeded);
        Assert.Matches(@"^Line \d+, column \d+: ", result.Error);
    }

    [Fact]
    public async Task SaveAsync_SameReportTwice_NoNewVersion()
    {
        await using var app = new StarsAppFactory();
        app.Start();
        var catalog = app.Service<CatalogService>();
        var saved = await catalog.SaveAsync("test", ReportTemplateTests.ReportForm(), TimeZoneInfo.Utc);
        Assert.True(saved.Succeeded, saved.Error);

        var again = PaidActionForm.From((await catalog.GetAsync(saved.Action!.Id))!, TimeZoneInfo.Utc);
        var second = await catalog.SaveAsync("test", again, TimeZoneInfo.Utc);

        Assert.True(second.Succeeded, second.Error);
        Assert.False(second.NewVersion);
        Assert.Equal(3, (await catalog.GetAsync(saved.Action.Id))!.Terms.Questions!.Count);
    }
}
