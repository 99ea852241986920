namespace StarsStudio.Features.Catalog.Copy;

/// <summary>The action's launch offers as the copy coach needs them: is there any discount, and the early price.</summary>
public sealed record CopyOffer(bool HasDiscount, int? EarlyBirdStars);
