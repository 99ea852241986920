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

/// <summary>The texts and connection the Owner edits in Settings.</summary>
public sealed record BuyerTexts(string Welcome, string Support, string Terms, string Privacy);
