using StarsStudio.Features.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Support;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Features.Settings;

public sealed record ConnectResult(bool Succeeded, string Message);
