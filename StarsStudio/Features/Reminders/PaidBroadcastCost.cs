namespace StarsStudio.Features.Reminders;

/// <summary>What a paid broadcast may cost: 0.1 Star for each message above the free 30 per second.</summary>
public static class PaidBroadcastCost
{
    public static decimal Estimate(int messages, double perSecond)
    {
        if (messages <= 0 || perSecond <= RemindersOptions.FreePerSecond) return 0;
        var seconds = Math.Ceiling(messages / perSecond);
        var free = Math.Min(messages, (int)(RemindersOptions.FreePerSecond * seconds));
        return (messages - free) * RemindersOptions.StarsPerPaidMessage;
    }
}
