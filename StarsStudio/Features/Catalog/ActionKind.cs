namespace StarsStudio.Features.Catalog;

/// <summary>What a buyer receives after paying for a paid action.</summary>
public enum ActionKind
{
    File,
    CreditPack,
    PrivateText,
    PaidCommand,
    Report,
    Service,
}
