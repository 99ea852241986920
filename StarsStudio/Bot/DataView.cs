namespace StarsStudio.Bot;

/// <summary>Which bot's data a dashboard page shows: real sales by default, practice rehearsals only when asked.</summary>
public enum DataView { Live, Practice }
