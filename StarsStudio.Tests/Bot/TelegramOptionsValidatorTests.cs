using StarsStudio.Bot;

namespace StarsStudio.Tests.Bot;

public sealed class TelegramOptionsValidatorTests
{
    private static IReadOnlyList<string> Errors(TelegramOptions o) =>
        new TelegramOptionsValidator().Validate(null, o).Failures?.ToList() ?? [];

    [Theory]
    [InlineData("123456:ABC-def_ghi")]
    [InlineData("7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")]
    public void Validate_WellFormedToken_Passes(string token) => Assert.Empty(Errors(new TelegramOptions { BotToken = token }));

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("123456")]
    [InlineData(":abc")]
    [InlineData("abc:def")]
    [InlineData("123:abc def")]
    public void Validate_MalformedToken_SaysWhatATokenLooksLikeWithoutEchoingIt(string token)
    {
        var error = Assert.Single(Errors(new TelegramOptions { BotToken = token }));
        Assert.Contains("does not look like a BotFather token", error);
        Assert.DoesNotContain(token, error);
    }

    [Fact]
    public void Validate_BadBaseUrl_Explains() =>
        Assert.Contains(Errors(new TelegramOptions { ApiBaseUrl = "ftp://x" }), e => e.Contains("Telegram:ApiBaseUrl"));

    [Fact]
    public void Validate_WebhookWithoutSecretOrUrl_Explains()
    {
        var errors = Errors(new TelegramOptions { Mode = BotMode.Webhook });
        Assert.Contains(errors, e => e.Contains("Telegram:WebhookUrl"));
        Assert.Contains(errors, e => e.Contains("Telegram:WebhookSecret is required"));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("ünïcode")]
    public void Validate_SecretWithForbiddenCharacters_Explains(string secret) =>
        Assert.Contains(Errors(new TelegramOptions { WebhookSecret = secret }), e => e.Contains("A-Z a-z 0-9 _ -"));
}
