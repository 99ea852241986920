namespace StarsStudio.Features.Reports;

/// <summary>
/// Holds a freshly made signing secret for one dashboard circuit until the editor has shown it once
/// (it survives the navigation from /actions/new to /actions/{id}). Taking it clears it.
/// </summary>
public sealed class ServiceSecretReveal
{
    private string? secret;
    private int? actionId;

    public void Hold(int forActionId, string plain) { actionId = forActionId; secret = plain; }

    public string? Take(int forActionId)
    {
        if (actionId != forActionId) return null;
        var s = secret;
        secret = null;
        actionId = null;
        return s;
    }
}
