namespace StarsStudio.Features.Catalog;

/// <summary>How an <see cref="ActionKind"/> is named to creators, wherever a page shows one.</summary>
public static class ActionKinds
{
    public static string Label(ActionKind kind) => kind switch
    {
        ActionKind.File => "File",
        ActionKind.CreditPack => "Credit pack",
        ActionKind.PrivateText => "Private text",
        ActionKind.PaidCommand => "Paid command",
        ActionKind.Report => "Report",
        _ => "Service",
    };
}
