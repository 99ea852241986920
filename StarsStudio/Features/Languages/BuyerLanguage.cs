namespace StarsStudio.Features.Languages;

/// <summary>One language StarsStudio ships the bot's own words in.</summary>
/// <param name="Code">Lower-case BCP 47 tag as Telegram sends it ("en", "pt-br").</param>
/// <param name="EnglishName">For the dashboard ("Portuguese (Brazil)").</param>
/// <param name="NativeName">For pickers, in the language itself ("Português (Brasil)").</param>
/// <param name="RightToLeft">Written right to left (Persian): previews and Practice chats set dir="rtl".</param>
public sealed record BuyerLanguage(string Code, string EnglishName, string NativeName, bool RightToLeft = false);
