namespace AsiArch.Sdk;

/// <summary>Sort order of an experiment query.</summary>
public enum ExperimentOrder
{
    /// <summary>By index, oldest first.</summary>
    IndexAscending,

    /// <summary>By index, newest first.</summary>
    IndexDescending,

    /// <summary>By fitness total, best first; unscored experiments last.</summary>
    FitnessDescending,
}
