using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using StarsStudio.Features.Payments;

namespace StarsStudio.Bot;

/// <summary>
/// The bots one data view covers. Live is every bot except this install's practice bot (a creator who switched
/// tokens still sees all their real sales); Practice is the practice bot alone, and nothing before it exists.
/// </summary>
public sealed record BotScope(DataView View, long? PracticeBotId)
{
    public bool IsPractice => View == DataView.Practice;

    /// <summary>True when a row made by <paramref name="botId"/> belongs to this view.</summary>
    public bool Includes(long botId) => IsPractice ? botId == PracticeBotId : botId != PracticeBotId;

    public IQueryable<Order> Orders(IQueryable<Order> source) => Where(source, o => o.BotId);

    public IQueryable<Payment> Payments(IQueryable<Payment> source) => Where(source, p => p.BotId);

    /// <summary>Keeps the rows whose bot id (read by <paramref name="botId"/>) belongs to this view, as SQL.</summary>
    public IQueryable<T> Where<T>(IQueryable<T> source, Expression<Func<T, long>> botId)
    {
        if (PracticeBotId is not { } practice) return IsPractice ? source.Where(_ => false) : source;
        // Captured, so EF sends the id as a parameter and the plan stays the same for every install.
        Expression<Func<long, bool>> test = IsPractice ? id => id == practice : id => id != practice;
        var body = ReplacingExpressionVisitor.Replace(test.Parameters[0], botId.Body, test.Body);
        return source.Where(Expression.Lambda<Func<T, bool>>(body, botId.Parameters));
    }

    /// <summary>The URL query value of a view: absent for Live, so existing links keep meaning live data.</summary>
    public static string? QueryValue(DataView view) => view == DataView.Practice ? "practice" : null;

    public static DataView Parse(string? value) =>
        string.Equals(value, "practice", StringComparison.OrdinalIgnoreCase) ? DataView.Practice : DataView.Live;
}
