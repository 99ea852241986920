using StarsStudio.Features.Catalog.Copy;

namespace StarsStudio.Features.Catalog;

/// <summary>One line of the launch checklist: computed from data, never ticked by hand.</summary>
public sealed record ChecklistItem(string Key, string Label, bool Met, string Detail);
