using System.Globalization;

namespace StarsStudio.Features.Ledger;

/// <summary>Stars as whole Stars plus nanostars (Telegram's amount + nanostar_amount), summed as one long of nanostars.</summary>
public static class StarMath
{
    public const long NanosPerStar = 1_000_000_000;

    public static long ToNanostars(long amount, long nanostarAmount) => checked(amount * NanosPerStar + nanostarAmount);

    /// <summary>"12", "0.7", "-3.25": as many decimals as needed, never rounded.</summary>
    public static string Format(long nanostars)
    {
        var sign = nanostars < 0 ? "-" : "";
        var abs = nanostars == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(nanostars);
        var whole = abs / NanosPerStar;
        var fraction = abs % NanosPerStar;
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (fraction > 0) text += "." + fraction.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        return sign + text;
    }

    /// <summary>For estimates made in decimal Stars (0.1 per paid message).</summary>
    public static long FromStars(decimal stars) => (long)Math.Round(stars * NanosPerStar);
}
