namespace StarsStudio.Features.Catalog;

/// <summary>What a paid action delivers.</summary>
public enum ActionKind { File, CreditPack, PrivateText, PaidCommand, Report, Service }
