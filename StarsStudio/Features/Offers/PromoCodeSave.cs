namespace StarsStudio.Features.Offers;

/// <summary>The editor's answer: saved, or which field is wrong and why (shown next to that field).</summary>
public sealed record PromoCodeSave(bool Succeeded, string? Field, string? Error, PromoCode? Code)
{
    public static PromoCodeSave Fail(string field, string error) => new(false, field, error, null);
}
