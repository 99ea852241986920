using Microsoft.EntityFrameworkCore.Query;

namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>
/// The columns a transition sets besides status, stamp and log, as typed values rather than setter lambdas: the
/// lifecycle can then write the hot transitions as one plain statement (<see cref="TransitionStatement"/>) instead
/// of building, translating and caching a LINQ update on every call. Null leaves a column as it is.
/// </summary>
public sealed record OrderColumns
{
    public int? InvoiceMessageId { get; init; }
    /// <summary>Set, replacing any earlier approval (a renewed hold).</summary>
    public DateTimeOffset? ApprovedAt { get; init; }
    /// <summary>Set only where the order has no approval yet: a payment that overtook its approval's write. Not with <see cref="ApprovedAt"/>.</summary>
    public DateTimeOffset? ApprovedAtIfUnset { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public string? ChargeId { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? RefundedAt { get; init; }
    public ProblemUpdate Problem { get; init; } = ProblemUpdate.Keep;
    public bool? Resolved { get; init; }

    /// <summary>The same changes as setters, for a transition that also carries a LINQ condition.</summary>
    internal void ApplyTo(UpdateSettersBuilder<Order> s)
    {
        if (InvoiceMessageId is { } message) s.SetProperty(o => o.InvoiceMessageId, message);
        if (ApprovedAt is { } approved) s.SetProperty(o => o.ApprovedAt, approved);
        if (ApprovedAtIfUnset is { } ifUnset) s.SetProperty(o => o.ApprovedAt, o => o.ApprovedAt ?? ifUnset);
        if (PaidAt is { } paid) s.SetProperty(o => o.PaidAt, paid);
        if (ChargeId is { } charge) s.SetProperty(o => o.ChargeId, charge);
        if (DeliveredAt is { } delivered) s.SetProperty(o => o.DeliveredAt, delivered);
        if (RefundedAt is { } refunded) s.SetProperty(o => o.RefundedAt, refunded);
        if (Resolved is { } resolved) s.SetProperty(o => o.Resolved, resolved);
        switch (Problem.Mode)
        {
            case ProblemMode.Set:
                var text = Problem.Text;
                s.SetProperty(o => o.Problem, text);
                break;
            case ProblemMode.Clear:
                s.SetProperty(o => o.Problem, (string?)null);
                break;
            case ProblemMode.ClearUnlessOversold:
                s.SetProperty(o => o.Problem, o => o.Problem != null && o.Problem.StartsWith(PaymentRecorder.OversoldProblem) ? o.Problem : null);
                break;
        }
    }
}
