using System.Net;
using System.Text.Json.Nodes;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Tests.Features.Practice.Emulator;

/// <summary>Messages, buttons, files, chats and commands through the real Telegram.Bot client.</summary>
/// <remarks>One app for the class: every test works through a practice bot of its own.</remarks>
public sealed class BotApiBasicsTests(SharedPracticeApp shared) : IClassFixture<SharedPracticeApp>
{
    private readonly PracticeAppFactory app = shared.App;

    [Fact]
    public async Task GetMe_RegisteredToken_AnswersItsOwnBot()
    {
        var token = await app.NewRegisteredTokenAsync();
        var me = await app.Client(token).GetMe();
        Assert.Equal(PracticeAppFactory.BotIdOf(token), me.Id);
        Assert.True(me.IsBot);
        Assert.EndsWith("_bot", me.Username);
    }

    [Fact]
    public async Task BotApi_TokenNobodyRegistered_401UnauthorizedAndNoBotIsCreated()
    {
        var token = PracticeAppFactory.NewToken();
        var response = await app.Http.GetAsync($"{app.BaseUrl}/practice/bot{token}/getMe");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"ok":false,"error_code":401,"description":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => app.Client(token).GetUpdates());
        Assert.Equal(401, e.ErrorCode);
        // Asking did not make the bot: the control API still does not know it.
        var control = await Assert.ThrowsAsync<StarsStudio.Features.Practice.Emulator.PracticeControlException>(
            () => app.Control.GetBotAsync(PracticeAppFactory.BotIdOf(token)));
        Assert.Contains("register its token first", control.Message);
    }

    [Fact]
    public async Task BotApi_KnownIdWithAnotherSecret_401AndRegisteringItIsRefused()
    {
        var bot = await app.NewBotAsync();
        var impostor = $"{bot.BotId}:someone_elses_secret";
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => app.Client(impostor).GetMe());
        Assert.Equal(401, e.ErrorCode);
        Assert.Equal("Unauthorized", e.Message);
        var refused = await Assert.ThrowsAsync<StarsStudio.Features.Practice.Emulator.PracticeControlException>(() => app.Control.EnsureBotAsync(impostor));
        Assert.DoesNotContain("someone_elses_secret", refused.Message);
        Assert.Equal(bot.BotId, (await bot.Client.GetMe()).Id);
    }

    [Fact]
    public async Task AppsOwnPracticeBot_RegisteredByTheAppBeforeItPolls()
    {
        var status = app.Service<StarsStudio.Bot.BotStatus>();
        await Eventually.WithinAsync(() => status.State == StarsStudio.Bot.BotState.Practice, seconds: 30);
        Assert.True(status.State == StarsStudio.Bot.BotState.Practice, $"bot state {status.State}: {status.Problem}");
        var running = app.Service<StarsStudio.Bot.BotClientAccessor>().Current;
        Assert.NotNull(running);
        Assert.Equal(running.BotId, (await app.Control.GetBotAsync(running.BotId)).BotId);
    }

    [Fact]
    public async Task UnknownMethod_RawHttp_Answers404NotFoundJson()
    {
        var bot = await app.NewBotAsync();
        var response = await app.Http.PostAsync($"{app.BaseUrl}/practice/bot{bot.Token}/sendTelepathy", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False((bool)body["ok"]!);
        Assert.Equal(404, (int)body["error_code"]!);
        Assert.Equal("Not Found", (string)body["description"]!);
    }

    [Fact]
    public async Task SendMessage_FormUrlEncodedAndGetQuery_AreAccepted()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var form = await app.Http.PostAsync($"{app.BaseUrl}/practice/bot{bot.Token}/sendMessage",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["chat_id"] = buyer.UserId.ToString(), ["text"] = "from a form" }));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var query = await app.Http.GetStringAsync($"{app.BaseUrl}/practice/bot{bot.Token}/sendMessage?chat_id={buyer.UserId}&text=from%20a%20query");
        Assert.Equal("from a query", (string)JsonNode.Parse(query)!["result"]!["text"]!);

        var chat = await app.Control.ChatAsync(bot.BotId, buyer.UserId);
        Assert.Equal(["from a form", "from a query"], chat.Select(m => m.Text));
    }

    [Fact]
    public async Task SendMessage_ValidHtml_StoresTheTextWithoutTags()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var sent = await bot.Client.SendMessage(buyer.UserId, "<b>Bold</b> &amp; <a href=\"https://t.me\">link</a>", parseMode: ParseMode.Html);
        Assert.Equal("Bold & link", sent.Text);
    }

    [Theory]
    [InlineData("<div>x</div>", "Bad Request: can't parse entities: Unsupported start tag \"div\" at byte offset 0")]
    [InlineData("<b>open", "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("<b><i>x</b></i>", "Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected \"</i>\", found \"</b>\"")]
    public async Task SendMessage_BadHtml_CantParseEntities(string html, string expected)
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendMessage(buyer.UserId, html, parseMode: ParseMode.Html));
        Assert.Equal(400, e.ErrorCode);
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public async Task SendMessage_EmptyTooLongOrUnknownChat_TelegramErrors()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var empty = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendMessage(buyer.UserId, " "));
        Assert.Equal("Bad Request: message text is empty", empty.Message);
        var tooLong = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendMessage(buyer.UserId, new string('x', 4097)));
        Assert.Equal("Bad Request: message is too long", tooLong.Message);
        await bot.Client.SendMessage(buyer.UserId, new string('x', 4096));
        var unknown = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendMessage(42, "hi"));
        Assert.Equal("Bad Request: chat not found", unknown.Message);
    }

    [Fact]
    public async Task InlineKeyboard_TapEditAnswerDelete_RoundTrip()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Buy ⭐5", "buy:1"), InlineKeyboardButton.WithUrl("Terms", "https://example.com/terms")]]);
        var sent = await bot.Client.SendMessage(buyer.UserId, "Pick one", replyMarkup: keyboard);
        var shown = (await app.Control.ChatAsync(bot.BotId, buyer.UserId)).Single();
        Assert.Equal("buy:1", shown.Buttons[0][0].CallbackData);
        Assert.Equal("https://example.com/terms", shown.Buttons[0][1].Url);

        var queryId = await app.Control.TapButtonAsync(bot.BotId, buyer.UserId, sent.MessageId, "buy:1");
        var update = Assert.Single(await bot.Client.GetUpdates());
        Assert.Equal(queryId, update.CallbackQuery!.Id);
        Assert.Equal("buy:1", update.CallbackQuery.Data);
        Assert.Equal(sent.MessageId, update.CallbackQuery.Message!.MessageId);
        Assert.Equal(buyer.UserId, update.CallbackQuery.From.Id);

        await bot.Client.AnswerCallbackQuery(queryId, "Invoice on its way");
        var again = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.AnswerCallbackQuery(queryId));
        Assert.Equal("Bad Request: query is too old and response timeout expired or query ID is invalid", again.Message);

        var edited = await bot.Client.EditMessageText(buyer.UserId, sent.MessageId, "Picked");
        Assert.Equal("Picked", edited.Text);
        Assert.Null(edited.ReplyMarkup);
        await bot.Client.EditMessageReplyMarkup(buyer.UserId, sent.MessageId, new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Again", "again")]]));
        var notModified = await Assert.ThrowsAsync<ApiRequestException>(() =>
            bot.Client.EditMessageReplyMarkup(buyer.UserId, sent.MessageId, new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Again", "again")]])));
        Assert.StartsWith("Bad Request: message is not modified", notModified.Message);

        var chat = await app.Control.ChatAsync(bot.BotId, buyer.UserId);
        Assert.Contains(chat, m => m.Text == "🔔 Invoice on its way");
        Assert.Contains(chat, m => m.Text == "Picked" && m.Edited && m.Buttons[0][0].CallbackData == "again");

        await bot.Client.DeleteMessage(buyer.UserId, sent.MessageId);
        Assert.DoesNotContain(await app.Control.ChatAsync(bot.BotId, buyer.UserId), m => m.MessageId == sent.MessageId);
        var gone = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.DeleteMessage(buyer.UserId, sent.MessageId));
        Assert.Equal("Bad Request: message to delete not found", gone.Message);
        var editGone = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.EditMessageText(buyer.UserId, sent.MessageId, "x"));
        Assert.Equal("Bad Request: message to edit not found", editGone.Message);
    }

    [Fact]
    public async Task InlineKeyboard_CallbackDataOver64Bytes_ButtonDataInvalid()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendMessage(buyer.UserId, "x",
            replyMarkup: new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Too long", new string('d', 65))]])));
        Assert.Equal("Bad Request: BUTTON_DATA_INVALID", e.Message);
    }

    [Fact]
    public async Task SendDocument_MultipartUpload_ReturnsFileIdThatCanBeReusedAndDownloaded()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var bytes = "the checklist"u8.ToArray();
        var sent = await bot.Client.SendDocument(buyer.UserId, InputFile.FromStream(new MemoryStream(bytes), "checklist.txt"), caption: "Your file");
        var document = sent.Document!;
        Assert.Equal("checklist.txt", document.FileName);
        Assert.Equal(bytes.Length, document.FileSize);

        var reused = await bot.Client.SendDocument(buyer.UserId, InputFile.FromFileId(document.FileId));
        Assert.Equal(document.FileId, reused.Document!.FileId);

        var file = await bot.Client.GetFile(document.FileId);
        using var downloaded = new MemoryStream();
        await bot.Client.DownloadFile(file.FilePath!, downloaded);
        Assert.Equal(bytes, downloaded.ToArray());

        var unknown = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.GetFile("nope"));
        Assert.Equal("Bad Request: invalid file_id", unknown.Message);
        var chat = await app.Control.ChatAsync(bot.BotId, buyer.UserId);
        Assert.Equal("checklist.txt", chat[0].Document!.FileName);
        Assert.Equal(file.FilePath, chat[0].Document!.FilePath);
    }

    [Fact]
    public async Task SendPhoto_MultipartUpload_ReturnsPhotoSizes()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var sent = await bot.Client.SendPhoto(buyer.UserId, InputFile.FromStream(new MemoryStream([1, 2, 3, 4]), "cover.jpg"));
        var photo = Assert.Single(sent.Photo!);
        Assert.Equal(4, photo.FileSize);
        var again = await bot.Client.SendPhoto(buyer.UserId, InputFile.FromFileId(photo.FileId));
        Assert.Equal(photo.FileId, again.Photo![0].FileId);
    }

    [Fact]
    public async Task ChatMethods_GetChatGetChatMemberChatActionCommands_Answer()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        var chat = await bot.Client.GetChat(buyer.UserId);
        Assert.Equal(ChatType.Private, chat.Type);
        Assert.Equal("ann_buyer", chat.Username);
        var member = await bot.Client.GetChatMember(buyer.UserId, buyer.UserId);
        Assert.Equal(ChatMemberStatus.Member, member.Status);
        await bot.Client.SendChatAction(buyer.UserId, ChatAction.Typing);

        await bot.Client.SetMyCommands([new BotCommand("start", "See what you can buy"), new BotCommand("paysupport", "Help with a payment")]);
        Assert.Equal(["start", "paysupport"], (await bot.Client.GetMyCommands()).Select(c => c.Command));
        var invalid = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SetMyCommands([new BotCommand("Bad Command", "x")]));
        Assert.Equal("Bad Request: BOT_COMMAND_INVALID", invalid.Message);
    }

    [Fact]
    public async Task BlockedBuyer_SendMessageAndChatAction_Forbidden()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        await app.Control.SetBlockedAsync(bot.BotId, buyer.UserId, true);
        var e = await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendMessage(buyer.UserId, "hello?"));
        Assert.Equal(403, e.ErrorCode);
        Assert.Equal("Forbidden: bot was blocked by the user", e.Message);
        await Assert.ThrowsAsync<ApiRequestException>(() => bot.Client.SendChatAction(buyer.UserId, ChatAction.Typing));
        Assert.Equal(ChatMemberStatus.Kicked, (await bot.Client.GetChatMember(buyer.UserId, bot.BotId)).Status);

        await app.Control.SetBlockedAsync(bot.BotId, buyer.UserId, false);
        var updates = await bot.Client.GetUpdates();
        Assert.Equal([ChatMemberStatus.Kicked, ChatMemberStatus.Member], updates.Select(u => u.MyChatMember!.NewChatMember.Status));
        Assert.All(updates, u => Assert.Equal(buyer.UserId, u.MyChatMember!.From.Id));
        await bot.Client.SendMessage(buyer.UserId, "welcome back");
    }

    [Fact]
    public async Task Buyer_DeepLinkAndText_ArriveAsMessagesWithCommandEntity()
    {
        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        await app.Control.StartAsync(bot.BotId, buyer.UserId, "checklist");
        await app.Control.SendTextAsync(bot.BotId, buyer.UserId, "hello");
        var updates = await bot.Client.GetUpdates();
        Assert.Equal(["/start checklist", "hello"], updates.Select(u => u.Message!.Text));
        Assert.Equal(MessageEntityType.BotCommand, updates[0].Message!.Entities![0].Type);
        Assert.Equal(6, updates[0].Message!.Entities![0].Length);
        Assert.Equal("en", updates[0].Message!.From!.LanguageCode);
    }
}
