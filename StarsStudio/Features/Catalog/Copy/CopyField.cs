namespace StarsStudio.Features.Catalog.Copy;

/// <summary>The fields a finding can point at.</summary>
public static class CopyField
{
    public const string Title = "Title";
    public const string Description = "Description";
    public const string Promise = "Promise";
    public const string Price = "Price";
}
