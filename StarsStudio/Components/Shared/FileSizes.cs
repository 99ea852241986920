namespace StarsStudio.Components.Shared;

/// <summary>A file's size the way people read it: 812 B, 14.2 KB, 3.5 MB.</summary>
public static class FileSizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };
}
