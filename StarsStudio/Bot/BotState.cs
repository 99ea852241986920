namespace StarsStudio.Bot;

public enum BotState { Starting, Practice, Live, Error, Stopped }
