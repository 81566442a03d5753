// The `scrutineer` command as a user runs it.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "scrutineer/database.hpp"
#include "scrutineer/indicator_tables_render.hpp"
#include "scrutineer/input_files.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using test::run_scrutineer;

namespace {

std::string city_dir() {
    return test::data_dir() + "/police-uk/city-of-london-street-2017-2021";
}

}  // namespace

TEST(Cli, IndicatorsCsvHasTheExactHeaderAndForceFirst) {
    auto r = run_scrutineer("indicators --areas city-of-london --police-uk '" + city_dir() +
                            "' --format csv --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, r.out.find('\n')), kIndicatorCsvHeader);
    EXPECT_NE(
        r.out.find(
            "\nforce,E23000034,City of London Police,All crime,2021-12,5431,7022.0000,-22.7,%,"),
        std::string::npos)
        << r.out.substr(0, 400);
    EXPECT_NE(r.out.find("\ndistrict,E09000001,City of London,"), std::string::npos);
    EXPECT_EQ(r.err, "");
}

TEST(Cli, MonthOptionAndHumanFormats) {
    std::string base =
        "indicators --areas city-of-london --police-uk '" + city_dir() + "' --month 2020-12";
    auto table = run_scrutineer(base + " --format table");
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_NE(table.out.find("CITY OF LONDON POLICE (E23000034)"), std::string::npos);
    EXPECT_NE(table.out.find("Last 12 months: January 2020 to December 2020."), std::string::npos);
    EXPECT_NE(table.out.find("Long Term Averages (3yrs)"), std::string::npos);
    EXPECT_NE(table.err.find("City of London Police: 38215 rows, 60 months (2017-01 to 2021-12); "
                             "2701 with no location"),
              std::string::npos)
        << table.err;
    auto md = run_scrutineer(base + " --format markdown --quiet");
    EXPECT_NE(
        md.out.find("| Indicator | Last 12 months | Long Term Averages (3yrs) | Difference |"),
        std::string::npos);
    auto html = run_scrutineer(base + " --format html --quiet");
    EXPECT_NE(html.out.find("<th scope=\"col\" class=\"govuk-table__header\">Indicator</th>"),
              std::string::npos);
    EXPECT_NE(
        html.out.find("<caption class=\"govuk-table__caption\">City of London Police (E23000034)"),
        std::string::npos);
}

TEST(Cli, MissingMonthsAreNamedOnceInAFootnote) {
    auto r = run_scrutineer("indicators --areas norfolk --police-uk '" + test::data_dir() +
                            "/police-uk/norfolk-street-2025' --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\nAll crime                             58,671                        "
                         "n/a         n/a\n"),
              std::string::npos)
        << r.out.substr(0, 800);
    EXPECT_NE(
        r.out.find("the average needs every month from January 2022 to December 2024, and the "
                   "data has none for January 2022 to December 2024."),
        std::string::npos);
    EXPECT_NE(r.out.find("KING'S LYNN AND WEST NORFOLK (E07000146)"), std::string::npos);
}

TEST(Cli, SeriesPrintsTheMonthsBehindACell) {
    auto r = run_scrutineer(
        "series --areas city-of-london --police-uk '" + city_dir() +
        "' --indicator Robbery --area E09000001 --from 2016-12 --to 2017-02 --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // December 2016 is not in the data: empty, not zero.
    EXPECT_EQ(r.out.rfind("month,value\n2016-12,\n2017-01,3", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("\n2017-02,"), std::string::npos);
}

TEST(Cli, BadInputIsAClearErrorAndNoOutput) {
    test::TempDir tmp;
    std::string f =
        tmp.write("2019-01.csv", test::police_uk_file({"x,2019-01,F,F,1,2,L,E01,N 1,Drugs,o"}));
    std::string out = (tmp.path / "out.csv").string();
    auto r = run_scrutineer("indicators --areas norfolk --police-uk '" + f + "' --format csv -o '" +
                            out + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "error: " + f + ":2: expected 12 fields, found 11\nNothing was imported.\n");
    EXPECT_FALSE(std::filesystem::exists(out));

    r = run_scrutineer("indicators --areas nowhere --police-uk '" + f + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no area file named 'nowhere' (known: "), std::string::npos) << r.err;
    r = run_scrutineer("indicators --areas norfolk --police-uk '" + f + "' --month 2019-13");
    EXPECT_EQ(r.exit_code, 2);
    r = run_scrutineer("indicators --areas norfolk --police-uk /no/such/dir");
    EXPECT_EQ(r.err, "error: /no/such/dir: no such file or directory\nNothing was imported.\n");
}

TEST(Cli, FromDataTakesForcesAndDistrictsFromTheRows) {
    auto r = run_scrutineer("indicators --areas from-data --police-uk '" + city_dir() +
                            "' --format csv --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\ndistrict,E09000001,City of London,"), std::string::npos);
    EXPECT_NE(r.out.find("\ndistrict,E09000030,Tower Hamlets,"), std::string::npos);
}

TEST(Cli, UserAddRefusesThePublicRoleAndEasyPasswords) {
    test::TempDir tmp;
    std::string db = (tmp.path / "users.db").string();
    std::string good = tmp.write("good", "correct horse battery\n");
    auto r =
        run_scrutineer("user add --database '" + db +
                       "' --username ada --name 'Ada Lovelace' --role public < '" + good + "'");
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("--role"), std::string::npos) << r.err;
    for (const char* weak : {"aaaaaaaaaaaa", "password1234", "ada-lovelace-1815"}) {
        r = run_scrutineer("user add --database '" + db +
                           "' --username ada --name 'Ada Lovelace' --role administrator < '" +
                           tmp.write("weak", std::string(weak) + "\n") + "'");
        EXPECT_EQ(r.exit_code, 2) << weak;
        EXPECT_NE(r.err.find("error: user add: Enter a password that is harder to guess"),
                  std::string::npos)
            << weak << ": " << r.err;
    }
    EXPECT_EQ(store::as_int(store::open_database(db)->query("SELECT COUNT(*) FROM users")[0][0]),
              0);
}

TEST(Cli, UserRoleDisableAndEnableChangeWhoMaySignInAndAreAudited) {
    test::TempDir tmp;
    std::string db = (tmp.path / "users.db").string();
    std::string password = tmp.write("password", "correct horse battery\n");
    for (auto [name, role] : {std::pair{"ada", "administrator"}, {"olivia", "officer"}})
        ASSERT_EQ(run_scrutineer("user add --database '" + db + "' --username " + name +
                                 " --name 'A Person, " + name + "' --role " + role + " < '" +
                                 password + "'")
                      .exit_code,
                  0);
    auto r =
        run_scrutineer("user role --database '" + db + "' --username olivia --role case_worker");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "olivia (A Person, olivia) is case_worker and can sign in.\n");
    r = run_scrutineer("user disable --database '" + db + "' --username olivia");
    EXPECT_EQ(r.err, "olivia (A Person, olivia) is case_worker and cannot sign in.\n");
    r = run_scrutineer("user list --database '" + db + "'");
    EXPECT_EQ(r.out,
              "username,name,role,can_sign_in\n"
              "ada,\"A Person, ada\",administrator,yes\n"
              "olivia,\"A Person, olivia\",case_worker,no\n");
    EXPECT_EQ(run_scrutineer("user enable --database '" + db + "' --username olivia").exit_code, 0);

    // The last administrator stays one; unknown users and roles are named.
    r = run_scrutineer("user disable --database '" + db + "' --username ada");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "error: user disable: ada is the only administrator who can sign in: make someone "
              "else an administrator first\n");
    r = run_scrutineer("user role --database '" + db + "' --username nobody --role officer");
    EXPECT_EQ(r.err, "error: user role: There is no user called nobody\n");
    EXPECT_NE(
        run_scrutineer("user role --database '" + db + "' --username ada --role chief").exit_code,
        0);

    auto store = store::open_database(db);
    std::vector<std::string> audit;
    for (const auto& row : store->query("SELECT action, detail FROM audit_log WHERE action NOT IN "
                                        "('user created') ORDER BY id"))
        audit.push_back(store::as_text(row[0]) + ": " + store::as_text(row[1]));
    EXPECT_EQ(audit,
              (std::vector<std::string>{"role changed: olivia is now case_worker (was officer)",
                                        "user disabled: olivia (A Person, olivia)",
                                        "user enabled: olivia (A Person, olivia)"}));
}

TEST(Cli, PoliceUkInputsThatAreNotRegularFilesOrHoldNoRowsAreRefusedByName) {
    test::TempDir tmp;
    std::string db = (tmp.path / "s.db").string();
    auto import = [&](const std::string& what) {
        return run_scrutineer("import --database '" + db + "' --areas from-data --police-uk '" +
                              what + "'");
    };
    // /dev/zero aborted with std::bad_alloc; a FIFO too (or waited for a writer).
    auto r = run_scrutineer("indicators --areas from-data --police-uk /dev/zero");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "error: /dev/zero: not a regular file; give a .csv, .csv.gz, .zip or a folder of "
              "them\nNothing was imported.\n");
    std::string fifo = (tmp.path / "2025-01-norfolk-street.csv").string();
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    r = import(fifo);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "error: " + fifo +
                         ": not a regular file; give a .csv, .csv.gz, .zip or a folder of "
                         "them\nNothing was imported.\n");
    // A header alone, an empty folder: said, and nothing imported.
    std::string header_only = tmp.write("in/2025-02-norfolk-street.csv", test::police_uk_file({}));
    r = import(header_only);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "error: " + header_only + ": has no rows of crimes\nNothing was imported.\n");
    std::string empty = (tmp.path / "empty").string();
    std::filesystem::create_directories(empty);
    r = import(empty);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "error: " + empty +
                         ": holds no police.uk files (.csv or .csv.gz files, or a .zip of "
                         "them)\nNothing was imported.\n");
    r = run_scrutineer("imports --database '" + db + "'");
    EXPECT_EQ(r.out.find("police_uk"), std::string::npos) << r.out;
}

TEST(Cli, ACrlfFileImportsExactlyAsTheLfOne) {
    // police.uk publishes some months with CRLF line ends (Norfolk's 2024-01 in data/), and
    // converting such a file to CRLF (again) ends its lines in \r\r\n: it was refused, "header
    // column 12 is 'Context', expected 'Context'".
    test::TempDir tmp;
    TextBuffer b;
    load_text(list_inputs({test::data_dir() + "/police-uk/norfolk-street-2024-01_2024-04/"
                                              "2024-01-norfolk-street.csv.gz"})
                  .at(0),
              b);
    std::string published(b.text()), lf, crlf;
    for (char c : published) {
        if (c == '\n') crlf += '\r';
        crlf += c;
        if (c != '\r') lf += c;
    }
    std::string a = tmp.write("lf/2024-01-norfolk-street.csv", lf);
    std::string c = tmp.write("crlf/2024-01-norfolk-street.csv", crlf);
    auto from_lf =
        run_scrutineer("indicators --areas norfolk --police-uk '" + a + "' --format csv --quiet");
    auto from_crlf =
        run_scrutineer("indicators --areas norfolk --police-uk '" + c + "' --format csv --quiet");
    ASSERT_EQ(from_crlf.exit_code, 0) << from_crlf.err;
    EXPECT_EQ(from_crlf.out, from_lf.out);
    // Into a store: the same summary but for the file's name.
    auto into = [&](const std::string& f, const std::string& name) {
        return run_scrutineer("import --database '" + (tmp.path / name).string() +
                              "' --areas norfolk --police-uk '" + f + "'");
    };
    auto s_lf = into(a, "lf.db"), s_crlf = into(c, "crlf.db");
    ASSERT_EQ(s_crlf.exit_code, 0) << s_crlf.err;
    ASSERT_NE(s_lf.err.find(" rows of Norfolk Constabulary (2024-01)"), std::string::npos)
        << s_lf.err;
    EXPECT_EQ(s_crlf.err.substr(s_crlf.err.find("2024-01-norfolk-street.csv:")),
              s_lf.err.substr(s_lf.err.find("2024-01-norfolk-street.csv:")));
}

TEST(Cli, ImportWarnsWhenAFilesRowsAreNotTheMonthItsNameSays) {
    test::TempDir tmp;
    std::string f = tmp.write("2024-01-norfolk-street.csv",
                              test::police_uk_file({test::police_uk_row(
                                  "2024-02", "Norfolk Constabulary", "Norwich 001A", "Drugs")}));
    auto r = run_scrutineer("import --database '" + (tmp.path / "s.db").string() +
                            "' --areas from-data --police-uk '" + f + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(
        r.err.find("  Warning: " + f + " is named for 2024-01, but its rows are for 2024-02\n"),
        std::string::npos)
        << r.err;
    r = run_scrutineer("indicators --areas from-data --police-uk '" + f + "' --quiet --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "Warning: " + f + " is named for 2024-01, but its rows are for 2024-02\n");
}
