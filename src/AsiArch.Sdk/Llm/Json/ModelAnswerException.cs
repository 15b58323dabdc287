namespace AsiArch.Sdk.Llm.Json;

/// <summary>
/// The model's JSON was found but is not a usable answer (a missing field, a wrong type, code of the wrong shape).
/// The message is shown to the model on the retry.
/// </summary>
public sealed class ModelAnswerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelAnswerException(string message)
        : base(message)
    {
    }
}
