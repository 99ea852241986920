using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>A virtual buyer as the page and the control API show it.</summary>
public sealed record PracticeBuyer(long UserId, string FirstName, string? Username, string? LanguageCode, long Stars, bool Blocked)
{
    internal static PracticeBuyer From(PracticeBuyerRow row) => new(row.UserId, row.FirstName, row.Username, row.LanguageCode, row.Stars, row.Blocked);
}
