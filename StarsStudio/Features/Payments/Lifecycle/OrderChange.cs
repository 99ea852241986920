using System.Linq.Expressions;

namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>
/// What a caller says happened, for one transition: when, who, the timeline text, the other columns the step sets
/// and any extra condition the database must check in the same statement (stock, per-buyer limits).
/// </summary>
public sealed record OrderChange(DateTimeOffset At, EventActor Actor, string Detail, string? ActorName = null)
{
    public OrderColumns? Set { get; init; }
    /// <summary>A condition only LINQ can say (counts of other orders): such a transition is a LINQ update.</summary>
    public Expression<Func<Order, bool>>? OnlyIf { get; init; }
}

/// <summary>Applied, with the new status; or refused, with the status the order really has (null: no such order).</summary>
public readonly record struct TransitionOutcome(bool Applied, OrderStatus? Status);
