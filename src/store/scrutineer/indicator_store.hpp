// The indicator data in the store: areas, imports with their log, monthly observations,
// recording breaks, population and the indicator catalogue; and the Dataset read back.
//
// Every import is one transaction: it completes or changes nothing. A file already imported
// (same kind, same SHA-256 of its content) changes nothing and says so.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "scrutineer/area.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/dataset.hpp"
#include "scrutineer/police_uk_scanner.hpp"

namespace scrutineer::store {

std::string sha256_hex(std::string_view bytes);

// What an import did, in words for the user, one line each.
struct ImportSummary {
    int files_imported = 0;
    int files_already_in = 0;
    std::vector<std::string> lines;
};

// Adds or updates a force and its districts.
void save_force(Database& db, const ForceDefinition& force);
std::vector<ForceDefinition> load_forces(Database& db);

// police.uk street-level files (paths as for --police-uk), counted for the stored forces.
// `progress` (optional) is told after each file: files done, files in all.
ImportSummary import_police_uk_files(Database& db, const std::vector<std::string>& paths,
                                     const LsoaLookup* lookup, const std::string& user,
                                     const std::function<void(size_t, size_t)>& progress = {});
// How police.uk files are imported into the store.
struct PoliceUkStoreImport {
    const LsoaLookup* lookup = nullptr;
    // Add every force in the files the store lacks, with as districts the local authorities its
    // rows' LSOA names name (--areas from-data). A force added so gains the districts later
    // files name; a force from an area file keeps the districts given. Without it, rows of
    // forces not in the store are reported and not counted.
    bool from_data = false;
    std::map<std::string, std::string> district_codes;  // district name -> GSS code
    unsigned threads = 0;                               // files counted at once; 0: all cores
    std::function<void(size_t, size_t)> progress;       // files done, files in all
};
ImportSummary import_police_uk_files(Database& db, const std::vector<std::string>& paths,
                                     const std::string& user, const PoliceUkStoreImport& how);
ImportSummary import_counts_file(Database& db, const std::string& path, const std::string& user);
ImportSummary import_breaks_file(Database& db, const std::string& path, const std::string& user);
ImportSummary import_population_file(Database& db, const std::string& path,
                                     const std::string& user);
ImportSummary import_indicator_catalogue(Database& db, const std::string& path,
                                         const std::string& user);

struct ImportLogEntry {
    int64_t id;
    std::string kind, source, checksum;
    int64_t rows;
    std::string imported_by, imported_at;
};
std::vector<ImportLogEntry> import_log(Database& db);

// Everything the indicator tables need, from the store.
Dataset load_dataset(Database& db);

}  // namespace scrutineer::store
