using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Payments;

/// <summary>The answer: approve, or refuse with the rule that said no and a message the buyer reads.</summary>
public sealed record GuardrailDecision(bool Approve, string Rule, string? BuyerMessage)
{
    public static readonly GuardrailDecision Approved = new(true, "approved", null);
    public static GuardrailDecision Refuse(string rule, string message) => new(false, rule, message);
}
