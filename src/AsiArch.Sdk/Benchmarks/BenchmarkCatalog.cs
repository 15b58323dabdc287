namespace AsiArch.Sdk.Benchmarks;

/// <summary>
/// The custom benchmarks registered with <c>UseBenchmark&lt;T&gt;()</c> (a singleton in the container). Profiles name
/// benchmarks; <see cref="ApplyTo"/> adds the registered ones a profile does not name yet, with their weights.
/// Thread-safe.
/// </summary>
public sealed class BenchmarkCatalog
{
    private readonly List<BenchmarkRegistration> _registrations = [];
    private readonly object _gate = new();

    /// <summary>The registrations, in registration order.</summary>
    public IReadOnlyList<BenchmarkRegistration> Registrations
    {
        get
        {
            lock (_gate)
            {
                return [.. _registrations];
            }
        }
    }

    /// <summary>Adds <paramref name="registration"/>, replacing one of the same name.</summary>
    public void Add(BenchmarkRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        lock (_gate)
        {
            _registrations.RemoveAll(r => string.Equals(r.Name, registration.Name, StringComparison.OrdinalIgnoreCase));
            _registrations.Add(registration);
        }
    }

    /// <summary>The registration named <paramref name="name"/> (case-insensitive), or null.</summary>
    public BenchmarkRegistration? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return _registrations.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// <paramref name="profile"/> with a <see cref="BenchmarkSpec"/> appended for every registered benchmark it does not
    /// name (a benchmark the profile names keeps the profile's weight and settings).
    /// </summary>
    public TrainingProfile ApplyTo(TrainingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var named = new HashSet<string>(profile.Benchmarks.Select(b => b.Name), StringComparer.OrdinalIgnoreCase);
        var added = Registrations.Where(r => !named.Contains(r.Name)).Select(r => r.ToSpec()).ToList();
        return added.Count == 0 ? profile : profile with { Benchmarks = [.. profile.Benchmarks, .. added] };
    }
}
