using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Settings;
using StarsStudio.Features.Support;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Reminders;

public sealed record ReminderResult(bool Succeeded, string Message, Reminder? Reminder = null)
{
    public static ReminderResult Fail(string message) => new(false, message);
}
