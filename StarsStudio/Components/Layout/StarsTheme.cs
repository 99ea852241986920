using MudBlazor;

namespace StarsStudio.Components.Layout;

/// <summary>The one place for colours and type; pages never hard-code colours.</summary>
public static class StarsTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2AABEE",          // Telegram blue
            Secondary = "#F5A524",        // Star gold
            Tertiary = "#7C4DFF",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1F2937",
            Background = "#F6F8FB",
            DrawerBackground = "#FFFFFF",
            Success = "#16A34A",
            Warning = "#D97706",
            Error = "#DC2626",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5EC3F5",
            Secondary = "#F5B843",
            Tertiary = "#B39DFF",
            AppbarBackground = "#17212B",  // Telegram night
            Background = "#0E1621",
            Surface = "#17212B",
            DrawerBackground = "#17212B",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
