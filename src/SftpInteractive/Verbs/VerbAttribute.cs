namespace SftpInteractive;

/// <summary>Marks a method or property as a verb preloaded at the prompt and in notebooks; <c>Help()</c>, <c>#help</c>
/// and the hosts' banners list it with <see cref="Description"/>. Its <c>...Async</c> form, when it has one, is listed
/// on the same line. On an operation of <see cref="SftpSession"/> it is the verb's one definition: the session's
/// synchronous form and the preloaded <see cref="SftpVerbs"/> forms (with this attribute) are generated from it.</summary>
/// <param name="group">Where the verb is listed.</param>
/// <param name="description">One line saying what it does.</param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = true)]
public sealed class VerbAttribute(VerbGroup group, string description) : Attribute
{
    /// <summary>Where the verb is listed.</summary>
    public VerbGroup Group { get; } = group;

    /// <summary>One line saying what it does.</summary>
    public string Description { get; } = description;

    /// <summary>True when the verb makes no round trip to the server (<c>Pwd()</c>), so it needs no <c>...Async</c> form.</summary>
    public bool Instant { get; init; }

    /// <summary>On an <c>...Async</c> operation of <see cref="SftpSession"/>: the name of its synchronous form when it is
    /// not the name without <c>Async</c> (<c>FindAllAsync</c> waits as <c>Find</c>).</summary>
    public string? Sync { get; init; }
}
